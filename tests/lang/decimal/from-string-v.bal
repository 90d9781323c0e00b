import ballerina/io;

public function main() {
    decimal|error d = decimal:fromString("12.75");
    io:println(d); // @output 12.75
    decimal|error bad = decimal:fromString("twelve");
    io:println(bad is error); // @output true
}
