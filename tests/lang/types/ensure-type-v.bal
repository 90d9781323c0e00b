import ballerina/io;

type Int int;
type Str string;

public function main() {
    anydata v = 5;
    int|error i = v.ensureType(Int);
    io:println(i); // @output 5
    string|error s = v.ensureType(Str);
    io:println(s is error); // @output true
}
