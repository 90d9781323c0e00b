import ballerina/io;
import ballerina/lang.'string as strings;

public function main() {
    io:println(strings:length("four")); // @output 4
    io:println(strings:toUpperAscii("up")); // @output UP
}
