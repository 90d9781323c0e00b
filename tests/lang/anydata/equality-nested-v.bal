import ballerina/io;

public function main() {
    anydata a = {x: [1, {y: "z"}]};
    anydata b = {x: [1, {y: "z"}]};
    anydata c = {x: [1, {y: "w"}]};
    io:println(a == b, " ", a == c); // @output true false
}
