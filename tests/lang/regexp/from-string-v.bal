import ballerina/io;
import ballerina/lang.regexp;

public function main() returns error? {
    regexp:RegExp r = check regexp:fromString("[a-c]+");
    io:println(r.isFullMatch("abcab")); // @output true
}
