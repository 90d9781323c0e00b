import ballerina/io;

// string:toCodePointInt gives a Char's code point; fromCodePointInt(s) refuse surrogates and values past
// 0x10FFFF with an error.
public function main() returns error? {
    string:Char a = "A";
    io:println(a.toCodePointInt()); // @output 65
    io:println(string:toCodePointInt("é")); // @output 233
    string word = "héllo";
    int[] points = word.toCodePointInts();
    io:println(points); // @output [104,233,108,108,111]
    io:println(check string:fromCodePointInts(points)); // @output héllo
    io:println(check string:fromCodePointInt(0x1F600) == "😀"); // @output true
    string:Char|error surrogate = string:fromCodePointInt(0xD800);
    io:println(surrogate is error); // @output true
    string|error tooBig = string:fromCodePointInts([65, 0x110000]);
    io:println(tooBig is error); // @output true
}
