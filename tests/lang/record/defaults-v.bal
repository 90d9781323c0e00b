import ballerina/io;

type Config record {|
    string host = "localhost";
    int port = 993;
    boolean secure = true;
|};

public function main() {
    Config c = {port: 143};
    io:println(c.host, " ", c.port, " ", c.secure); // @output localhost 143 true
    Config d = {};
    io:println(d.port); // @output 993
}
