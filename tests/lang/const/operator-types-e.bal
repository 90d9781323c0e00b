// A constant's expression is checked like any other (its operators must be defined for its operands), and it
// names only constants: not a function or a module variable.
const LIMIT = 10;
const boolean SMALL = LIMIT < 100;
const boolean ODD = 1 < true; // @error operator '<' not defined for 'int' and 'boolean'
const int SUM = LIMIT + "1"; // @error operator '+' not defined for 'int' and 'string'

public function main() {
    _ = SMALL;
}

function label() returns string => "x";

int counter = 0;

const string NAME = label; // @error expression is not a constant expression
const int START = counter; // @error expression is not a constant expression
