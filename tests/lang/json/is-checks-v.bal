import ballerina/io;

public function main() {
    json a = 1;
    json b = "s";
    json c = [1, 2];
    json d = {k: 1};
    io:println(a is int, " ", b is string, " ", c is json[], " ", d is map<json>); // @output true true true true
}
