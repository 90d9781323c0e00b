import ballerina/io;

class Conn {
    string host;
    int port;

    function init(string host = "localhost", int port = 143) {
        self.host = host;
        self.port = port;
    }
}

public function main() {
    Conn a = new;
    Conn b = new ("mail", 993);
    Conn c = new (port = 110);
    io:println(a.host, ":", a.port, " ", b.host, ":", b.port, " ", c.host, ":", c.port); // @output localhost:143 mail:993 localhost:110
}
