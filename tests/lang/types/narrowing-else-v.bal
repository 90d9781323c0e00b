import ballerina/io;

function len(string|int[] v) returns int {
    if v is string {
        return v.length();
    } else {
        return v.length() * 100;
    }
}

public function main() {
    io:println(len("abc"), " ", len([1, 2])); // @output 3 200
}
