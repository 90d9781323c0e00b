// construct: if / else if / else chains, with and without parentheses, nested if, type narrowing in branches
import ballerina/io;

function classify(int size, string? contentType) returns string {
    if size <= 0 {
        return "empty";
    } else if (size < 1024) {
        return "small";
    } else if size < 1024 * 1024 {
        if contentType is string && contentType.startsWith("text/") {
            return "medium text";
        }
        return "medium";
    } else {
        return "large";
    }
}

public function main() {
    io:println(classify(0, ()));
    io:println(classify(100, "text/plain"));
    io:println(classify(5000, "text/html"));
    io:println(classify(5000, ()));
    io:println(classify(5000000, "image/png"));
}
