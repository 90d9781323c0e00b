import ballerina/io;
import ballerina/log;

public function main() {
    io:println("only io is used");
}
