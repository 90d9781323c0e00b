import ballerina/io;

public function main() {
    json j = {a: {b: 1}};
    json|error v = j?.a?.b;
    io:println(v); // @output 1
    json|error missing = j?.x?.y;
    io:println(missing is ()); // @output true
}
