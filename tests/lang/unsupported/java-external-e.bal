import ballerina/io;
import ballerina/jballerina.java;

// An external function bound to Java has no implementation balmail can run.
function nanoTime() returns int = @java:Method { // @error balmail cannot call Java
    'class: "java.lang.System",
    name: "nanoTime"
} external;

public function main() {
    io:println(nanoTime());
}
