import ballerina/io;
import ballerina/lang.value;

public function main() {
    io:println(value:toString(42)); // @output 42
    io:println(value:toBalString("a")); // @output "a"
}
