import ballerina/io;

public function main() returns error? {
    io:println("working"); // @output working
    check error("gave up"); // @panic gave up
}
