import ballerina/io;

public function main() {
    string|error v = "text";
    if v is error {
        io:println("error");
    } else {
        io:println(v.length()); // @output 4
    }
}
