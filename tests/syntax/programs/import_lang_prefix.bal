// construct: import declarations — plain module, lang library with quoted name and alias, predeclared langlib prefixes
import ballerina/io;
import ballerina/lang.'int as ints;
import ballerina/lang.'string as strings;
import ballerina/lang.value;

public function main() returns error? {
    int parsed = check ints:fromString("42");
    string shout = strings:toUpperAscii("mail");
    int largest = int:MAX_VALUE;
    string joined = string:'join("/", "INBOX", "Archive");
    json data = check value:fromJsonString("{\"ok\": true}");
    io:println(parsed, " ", shout, " ", largest, " ", joined, " ", data);
}
