import ballerina/io;

public function main() {
    int|error a = int:fromHexString("ff");
    io:println(a); // @output 255
    int|error b = int:fromHexString("zz");
    io:println(b is error); // @output true
}
