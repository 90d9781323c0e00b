import ballerina/io;

public function main() {
    byte b = 0x0f;
    byte c = 0xf0;
    io:println(b | c, " ", b & c, " ", b ^ c); // @output 255 0 255
    byte[] bs = [1, 2, 255];
    io:println(bs.length(), " ", bs[2]); // @output 3 255
}
