// A type cast only converts between numeric types; otherwise the value must already belong to the type,
// and no boolean is an int.
public function main() {
    boolean answered = true;
    int flag = <int>answered; // @error incompatible types: 'boolean' cannot be cast to 'int'
    _ = flag;
}
