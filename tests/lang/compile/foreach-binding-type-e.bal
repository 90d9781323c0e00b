import ballerina/io;

public function main() {
    string[] subjects = ["a", "b"];
    foreach int s in subjects { // @error incompatible types: expected 'int', found 'string'
        io:println(s);
    }
}
