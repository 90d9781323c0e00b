import ballerina/io;

public function main() {
    error e = error("timeout", error("socket"), seconds = 30);
    var error(msg, cause, seconds = secs) = e;
    io:println(msg, " ", secs); // @output timeout 30
    io:println(cause is error); // @output true
}
