import ballerina/io;

public function main() {
    io:println("ORD-1234".matches(re `ORD-[0-9]+`)); // @output true
    io:println("xORD-1234".matches(re `ORD-[0-9]+`)); // @output false
    io:println("see ORD-1 here".includesMatch(re `ORD-[0-9]`)); // @output true
}
