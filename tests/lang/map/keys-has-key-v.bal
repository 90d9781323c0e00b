import ballerina/io;

public function main() {
    map<string> headers = {"From": "a@x.org", "To": "b@x.org"};
    io:println(headers.keys()); // @output ["From","To"]
    io:println(headers.hasKey("From")); // @output true
    io:println(headers.hasKey("Cc")); // @output false
}
