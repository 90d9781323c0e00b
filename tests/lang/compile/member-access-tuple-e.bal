// A constant index into a tuple names one member and gives its type.
public function main() {
    [string, int] pair = ["inbox", 3];
    string count = pair[1]; // @error incompatible types: expected 'string', found 'int'
    _ = count;
}
