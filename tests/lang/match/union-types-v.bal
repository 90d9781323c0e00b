import ballerina/io;

function kind(int|string|boolean v) returns string {
    match v {
        var i if i is int => {
            return "int";
        }
        var s if s is string => {
            return "string";
        }
    }
    return "boolean";
}

public function main() {
    io:println(kind(1), " ", kind("a"), " ", kind(true)); // @output int string boolean
}
