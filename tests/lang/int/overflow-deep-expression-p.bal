import ballerina/io;

// An int overflow deep inside a long expression (past the nesting one generated lambda holds, so the
// innermost operations run as closures) panics with NumberOverflow like any other.
public function main() {
    int big = 9223372036854775807;
    io:println("start"); // @output start
    int sum = big + 1 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0 + 0; // @panic int range overflow
    io:println(sum);
}
