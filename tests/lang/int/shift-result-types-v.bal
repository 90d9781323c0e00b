import ballerina/io;

const int LIMIT = 200;

public function main() {
    byte flags = 0xF0;
    byte high = flags >> 4;
    byte logical = flags >>> 2;
    int:Unsigned16 port = 8080;
    int:Unsigned16 halfPort = port >> 1;
    int wide = flags << 4;
    int:Signed8 small = -8;
    int quarter = small >> 2;
    byte fromInt = <byte>(wide & 0xFF);
    io:println(high, " ", logical, " ", halfPort, " ", wide, " ", quarter, " ", fromInt); // @output 15 60 4040 3840 -2 0
    byte cap = LIMIT;
    io:println(cap); // @output 200
}
