import ballerina/io;
import ballerina/jballerina.java;

function randomUuid() returns handle = @java:Method {
    'class: "java.util.UUID",
    name: "randomUUID"
} external;

public function main() {
    io:println(randomUuid());
}
