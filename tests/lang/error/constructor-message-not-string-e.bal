// The first argument of the error constructor is the message, a string.
public function main() {
    int code = 550;
    error e = error(code); // @error incompatible types: expected 'string', found 'int'
    _ = e;
}
