import ballerina/io;

public function main() {
    map<string> headers = {"From": "a"};
    io:println(headers.get("From")); // @output a
    string to = headers.get("To"); // @panic
}
