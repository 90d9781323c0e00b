import ballerina/io;

public function main() {
    any|error v = "not an error";
    io:println("before"); // @output before
    var error(msg) = <error>v; // @panic {ballerina}TypeCastError
    io:println(msg);
}
