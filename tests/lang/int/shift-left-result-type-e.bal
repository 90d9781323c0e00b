// `<<` always gives an `int`, whatever the left operand's subtype.
public function main() {
    byte flags = 0x0F;
    byte shifted = flags << 1; // @error incompatible types: expected 'byte', found 'int'
    _ = shifted;
}
