import ballerina/io;

// Integer constants computed from others, up to the ends of the 64-bit range; division truncates
// toward zero and a remainder takes the dividend's sign.
const int LIMIT = 9223372036854775807;
const int LOWEST = -LIMIT - 1;
const int QUOTIENT = -7 / 2;
const int REMAINDER = -7 % 2;
const int BACK = LOWEST + LIMIT;

public function main() {
    io:println(LOWEST, " ", QUOTIENT, " ", REMAINDER, " ", BACK); // @output -9223372036854775808 -3 -1 -1
}
