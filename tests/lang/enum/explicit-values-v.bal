import ballerina/io;

enum Priority {
    HIGH = "high",
    LOW = "low"
}

public function main() {
    Priority p = HIGH;
    io:println(p); // @output high
    io:println("low" is Priority); // @output true
}
