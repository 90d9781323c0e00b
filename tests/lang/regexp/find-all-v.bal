import ballerina/io;
import ballerina/lang.regexp;

public function main() {
    regexp:Span[] spans = re `[0-9]+`.findAll("a1b22c333");
    string[] found = from regexp:Span s in spans select s.substring();
    io:println(found); // @output ["1","22","333"]
}
