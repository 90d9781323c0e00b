import ballerina/io;

public function main() {
    error e = error("connection refused");
    io:println(e.message()); // @output connection refused
    io:println(e); // @output error("connection refused")
    io:println(e.cause() is ()); // @output true
}
