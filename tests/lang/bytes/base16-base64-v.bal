import ballerina/io;

public function main() {
    byte[] a = base16 `48 69`;
    byte[] b = base64 `SGk=`;
    io:println(a, " ", b); // @output [72,105] [72,105]
    io:println(a == b); // @output true
    io:println(string:fromBytes(a)); // @output Hi
}
