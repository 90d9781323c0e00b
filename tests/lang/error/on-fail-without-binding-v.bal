import ballerina/io;

public function main() {
    do {
        _ = check int:fromString("x");
    } on fail {
        io:println("failed quietly"); // @output failed quietly
    }
}
