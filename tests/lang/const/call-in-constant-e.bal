function ceilingValue() returns int => 10;

// A constant's value is known at compile time: calls are not constant expressions.
const int MAX = ceilingValue() + 1; // @error expression is not a constant expression

public function main() {
    _ = MAX;
}
