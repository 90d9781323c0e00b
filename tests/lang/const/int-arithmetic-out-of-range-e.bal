// A module constant's value is computed when the program is compiled: integer arithmetic outside the
// 64-bit range, and division or remainder by zero, make the program invalid.
const int LIMIT = 9223372036854775807;
const int NEXT = LIMIT + 1; // @error 'int' range overflow
const int HALF = LIMIT / 2;
const int TWICE = HALF * 4; // @error 'int' range overflow
const int LOWEST = -9223372036854775807 - 1;
const int NEGATED = -LOWEST; // @error 'int' range overflow
const int PER_BOX = 100 / 0; // @error invalid constant expression, reason '/ by zero'
const int LEFT = 100 % (HALF - HALF); // @error invalid constant expression, reason '/ by zero'

public function main() {
}
