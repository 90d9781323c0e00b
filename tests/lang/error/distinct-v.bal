import ballerina/io;

type IoError distinct error;
type ParseError distinct error;

public function main() {
    IoError io = error IoError("read failed");
    error e = io;
    io:println(e is IoError); // @output true
    io:println(e is ParseError); // @output false
    io:println(e is error); // @output true
}
