import ballerina/io;

public function main() returns error? {
    json a = {x: 1};
    json b = {y: 2};
    json merged = check a.mergeJson(b);
    io:println(merged); // @output {"x":1,"y":2}
}
