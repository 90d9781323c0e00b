import ballerina/io;

public function main() {
    (int|error)[] results = [1, error("bad")];
    io:println(results[1] is error, " ", results[0]); // @output true 1
}
