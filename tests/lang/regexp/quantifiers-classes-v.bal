import ballerina/io;

public function main() {
    io:println(re `a{2,3}`.isFullMatch("aaa")); // @output true
    io:println(re `a{2,3}`.isFullMatch("aaaa")); // @output false
    io:println(re `[^0-9]+`.isFullMatch("abc")); // @output true
    io:println(re `\d\w\s`.isFullMatch("1a ")); // @output true
    io:println(re `(ab)*c`.isFullMatch("ababc")); // @output true
}
