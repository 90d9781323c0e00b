import ballerina/io;
import ballerina/lang.regexp;

public function main() {
    io:println(regexp:isFullMatch(re `a+`, "aaa")); // @output true
    io:println(regexp:replaceAll(re `o`, "foo", "0")); // @output f00
    io:println(regexp:split(re ` `, "x y")); // @output ["x","y"]
}
