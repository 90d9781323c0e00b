import ballerina/io;

public function main() {
    error e = error("x");
    io:println(e.stackTrace() is error:StackFrame[] || true); // @output true
}
