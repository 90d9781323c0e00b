import ballerina/io;

const OK = "ok";
const FAIL = "fail";

type Status OK|FAIL;

public function main() {
    Status s = "ok";
    io:println(s); // @output ok
    string other = "maybe";
    io:println(other is Status); // @output false
    io:println("fail" is Status); // @output true
}
