import ballerina/io;

function parsePort(string s) returns int|error {
    int port = check int:fromString(s);
    if port < 1 || port > 65535 {
        return error("port out of range", port = port);
    }
    return port;
}

public function main() {
    io:println(parsePort("993")); // @output 993
    int|error bad = parsePort("70000");
    if bad is error {
        io:println(bad.message()); // @output port out of range
    }
    io:println(parsePort("x") is error); // @output true
}
