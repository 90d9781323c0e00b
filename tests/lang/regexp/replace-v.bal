import ballerina/io;

public function main() {
    string:RegExp digits = re `[0-9]`;
    io:println(digits.replace("a1b2c3", "#")); // @output a#b2c3
    io:println(digits.replaceAll("a1b2c3", "#")); // @output a#b#c#
    io:println(re `\s+`.replaceAll("a   b  c", " ")); // @output a b c
}
