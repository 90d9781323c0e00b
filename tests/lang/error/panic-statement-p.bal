import ballerina/io;

public function main() {
    io:println("start"); // @output start
    panic error("stopped here"); // @panic stopped here
}
