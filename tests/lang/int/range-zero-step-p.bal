import ballerina/io;

public function main() {
    io:println("before"); // @output before
    foreach int i in int:range(0, 3, 0) { // @panic step cannot be zero
        io:println(i);
    }
}
