import ballerina/io;

public function main() returns error? {
    json j = check "[1, 2.5, -3]".fromJsonString();
    json[] arr = check j.ensureType();
    io:println(arr[0] is int, " ", arr[2] is int); // @output true true
    io:println(arr[1] is decimal); // @output true
}
