// A constant's expression is checked like any other: its operators must be defined for its operands.
const LIMIT = 10;
const boolean SMALL = LIMIT < 100;
const boolean ODD = 1 < true; // @error operator '<' not defined for 'int' and 'boolean'
const int SUM = LIMIT + "1"; // @error operator '+' not defined for 'int' and 'string'

public function main() {
    _ = SMALL;
}
