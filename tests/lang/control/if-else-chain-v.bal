import ballerina/io;

function size(int n) returns string {
    if n == 0 {
        return "empty";
    } else if n < 10 {
        return "small";
    } else if n < 100 {
        return "medium";
    } else {
        return "large";
    }
}

public function main() {
    io:println(size(0), " ", size(5), " ", size(50), " ", size(500)); // @output empty small medium large
}
