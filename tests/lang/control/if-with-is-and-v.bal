import ballerina/io;

public function main() {
    int|string v = 10;
    if v is int && v > 5 {
        io:println("big int"); // @output big int
    }
}
