import ballerina/io;

final string PREFIX = "mail-";
final int[] SEEN = [];

public function main() {
    SEEN.push(1);
    io:println(PREFIX + SEEN.length().toString()); // @output mail-1
}
