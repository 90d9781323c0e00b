import ballerina/io;

public function main() {
    string a = "x";
    string b = a + "y" + "z" + a;
    io:println(b, " ", b.length()); // @output xyzx 4
}
