import ballerina/io;

function check2(int x) returns string|error {
    if x < 0 {
        fail error("negative");
    }
    return "ok";
}

public function main() {
    io:println(check2(1)); // @output ok
    io:println(check2(-1)); // @output error("negative")
}
