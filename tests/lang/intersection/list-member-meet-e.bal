// A list constructor where `A & B` is expected is checked against the one type both describe: here an
// array of bytes.
type Codes (int|string)[];
type Small (byte|float)[];

public function main() {
    Codes & Small ok = [1, 2, 255];
    Codes & Small bad = [1, 256]; // @error incompatible types: expected 'byte', found 'int'
    _ = ok;
    _ = bad;
}
