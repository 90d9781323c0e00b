import ballerina/io;

public function main() returns error? {
    string:Char c = check string:fromCodePointInt(97);
    io:println(c); // @output a
    io:println(string:fromCodePointInt(-1) is error); // @output true
}
