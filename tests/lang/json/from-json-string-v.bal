import ballerina/io;

public function main() returns error? {
    json j = check "{\"a\": 1, \"b\": [true, null]}".fromJsonString();
    io:println(j); // @output {"a":1,"b":[true,null]}
    map<json> m = check j.ensureType();
    io:println(m["a"]); // @output 1
    json|error bad = "{oops".fromJsonString();
    io:println(bad is error); // @output true
}
