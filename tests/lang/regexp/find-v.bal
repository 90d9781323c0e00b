import ballerina/io;
import ballerina/lang.regexp;

public function main() {
    regexp:Span? s = re `[0-9]+`.find("abc 123 def 45");
    if s is regexp:Span {
        io:println(s.substring(), " ", s.startIndex, " ", s.endIndex); // @output 123 4 7
    }
    io:println(re `z`.find("abc") is ()); // @output true
}
