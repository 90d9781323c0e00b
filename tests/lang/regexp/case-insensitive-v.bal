import ballerina/io;

public function main() {
    string:RegExp urgent = re `(?i:urgent)`;
    io:println(urgent.isFullMatch("URGENT")); // @output true
    io:println(urgent.isFullMatch("Urgent")); // @output true
    io:println("an UrGeNt note".includesMatch(urgent)); // @output true
}
