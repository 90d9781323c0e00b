// `>>` keeps only an unsigned left operand's type; a signed subtype widens to `int`.
public function main() {
    int:Signed16 level = -300;
    int:Signed16 half = level >> 1; // @error incompatible types: expected 'int:Signed16', found 'int'
    _ = half;
}
