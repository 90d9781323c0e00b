import ballerina/io;

function kind(int|error v) returns string {
    if v is error {
        return "error:" + v.message();
    }
    return "int:" + v.toString();
}

public function main() {
    io:println(kind(5), " ", kind(error("bad"))); // @output int:5 error:bad
}
