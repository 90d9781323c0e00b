import ballerina/io;

public function main() {
    string:RegExp letters = re `\p{L}+`;
    io:println(letters.isFullMatch("déjà")); // @output true
    io:println(letters.isFullMatch("abc1")); // @output false
}
