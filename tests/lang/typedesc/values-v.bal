import ballerina/io;

type Name string;

public function main() {
    typedesc<anydata> t = Name;
    anydata v = "x";
    io:println(v is Name); // @output true
}
