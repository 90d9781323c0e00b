import ballerina/io;

// ensureType behaves as a type cast that returns its error instead of panicking, so the error is the
// cast's own TypeCastError with the cast's message in the detail.
public function main() {
    anydata v = 5;
    string|error s = v.ensureType(string);
    if s is error {
        io:println(s.message()); // @output {ballerina}TypeCastError
        io:println(s.detail()["message"]); // @output incompatible types: 'int' cannot be cast to 'string'
    }
    string|error caught = trap <string>v;
    if caught is error && s is error {
        io:println(caught.message() == s.message()); // @output true
    }
    float|error f = v.ensureType(float);
    io:println(f); // @output 5.0
}
