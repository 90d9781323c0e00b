import ballerina/io;

public function main() returns error? {
    int n = 48879;
    string hex = n.toHexString();
    io:println(hex); // @output beef
    io:println(check int:fromHexString(hex)); // @output 48879
}
