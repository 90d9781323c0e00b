import ballerina/io;
import ballerina/lang.'string as text;
import ballerina/lang.int;
import ballerina/lang.map;

// The lang library's modules named by keywords can be imported by those names.
public function main() {
    map<int> counts = {inbox: 3, sent: 1};
    int removed = map:remove(counts, "sent");
    io:println(removed, " ", counts.length(), " ", int:abs(-4), " ", text:toUpperAscii("ok")); // @output 1 1 4 OK
}
