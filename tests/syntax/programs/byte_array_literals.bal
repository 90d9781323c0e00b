// construct: byte array literals (base16 and base64 backtick forms), byte type, conversion to and from strings
import ballerina/io;

public function main() returns error? {
    byte[] hex = base16 `48 65 6c 6c 6f`;
    byte[] b64 = base64 `SGVsbG8=`;
    byte single = 0x2A;
    byte[] fromText = "Hi".toBytes();
    string decoded = check string:fromBytes(hex);
    io:println(hex.length(), " ", b64 == hex, " ", single, " ", fromText, " ", decoded);
}
