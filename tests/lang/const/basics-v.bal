import ballerina/io;

const string GREETING = "hello";
const int LIMIT = 10;
const DOUBLE_LIMIT = LIMIT * 2;
const float RATE = 0.5;

public function main() {
    io:println(GREETING, " ", LIMIT, " ", DOUBLE_LIMIT, " ", RATE); // @output hello 10 20 0.5
}
