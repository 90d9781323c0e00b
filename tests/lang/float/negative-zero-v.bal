import ballerina/io;

public function main() {
    float z = -0.0;
    io:println(z); // @output -0.0
    io:println(z == 0.0); // @output true
    io:println(z === 0.0); // @output false
}
