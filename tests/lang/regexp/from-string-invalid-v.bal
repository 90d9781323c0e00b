import ballerina/io;
import ballerina/lang.regexp;

// A pattern known only at run time is checked by `fromString`, which returns an error, never panics.
public function main() {
    regexp:RegExp|error r = regexp:fromString("[a-");
    io:println(r is error); // @output true
    regexp:RegExp|error s = regexp:fromString("\\p{sc=Latin}+");
    io:println(s is regexp:RegExp ? s.isFullMatch("abc") : false); // @output true
}
