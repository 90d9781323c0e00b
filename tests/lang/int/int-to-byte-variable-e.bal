// An `int` variable does not fit a `byte` without a cast, even when its value would.
public function main() {
    int code = 65;
    byte b = code; // @error incompatible types: expected 'byte', found 'int'
    _ = b;
}
