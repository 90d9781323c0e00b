import ballerina/io;

public function main() {
    byte[] bytes = "hé".toBytes();
    io:println(bytes); // @output [104,195,169]
    string|error back = string:fromBytes(bytes);
    io:println(back); // @output hé
    byte[] bad = [255, 254];
    io:println(string:fromBytes(bad) is error); // @output true
}
