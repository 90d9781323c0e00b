// An error constructor always takes the message as its first argument.
public function main() {
    error e = error(); // @error missing arg within parenthesis
    _ = e;
}
