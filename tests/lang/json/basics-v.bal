import ballerina/io;

public function main() {
    json j = {name: "ann", tags: ["a", "b"], age: 30, active: true, nothing: null};
    io:println(j); // @output {"name":"ann","tags":["a","b"],"age":30,"active":true,"nothing":null}
    io:println(j.toJsonString()); // @output {"name":"ann", "tags":["a", "b"], "age":30, "active":true, "nothing":null}
}
