import ballerina/io;
import ballerina/lang.array;

// lang.array converts byte arrays to and from base-16 (lower-case hex) and base-64 (padded) strings;
// the from* functions return an error for text that is not in that encoding.
public function main() returns error? {
    byte[] bytes = "Ballerina!".toBytes();
    io:println(bytes.toBase16()); // @output 42616c6c6572696e6121
    io:println(bytes.toBase64()); // @output QmFsbGVyaW5hIQ==
    byte[] back = check array:fromBase64("QmFsbGVyaW5hIQ==");
    io:println(check string:fromBytes(back)); // @output Ballerina!
    byte[] hex = check array:fromBase16("00ff10");
    io:println(hex); // @output [0,255,16]
    byte[]|error bad = array:fromBase16("abc");
    io:println(bad is error); // @output true
    byte[]|error bad64 = array:fromBase64("not base64!");
    io:println(bad64 is error); // @output true
    byte[] empty = [];
    io:println(empty.toBase64() == "", " ", empty.toBase16() == ""); // @output true true
}
