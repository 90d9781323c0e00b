import ballerina/io;

public function main() {
    boolean|error a = boolean:fromString("true");
    io:println(a); // @output true
    boolean|error b = boolean:fromString("FALSE");
    io:println(b); // @output false
    boolean|error c = boolean:fromString("yes");
    io:println(c is error); // @output true
}
