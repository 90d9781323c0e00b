import ballerina/io;

public function main() {
    json j = {a: [1, "x", null], b: 2.5, c: {d: true}};
    io:println(j.toJsonString()); // @output {"a":[1, "x", null], "b":2.5, "c":{"d":true}}
    io:println((5).toJsonString()); // @output 5
    io:println("q\"".toJsonString()); // @output "q\""
}
