import ballerina/io;

public function main() {
    io:println("7".padStart(3, "0")); // @output 007
    io:println("ab".padEnd(5, ".") + "|"); // @output ab...|
    io:println("abcd".padStart(2)); // @output abcd
    io:println("5".padZero(4)); // @output 0005
}
