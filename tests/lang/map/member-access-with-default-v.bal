import ballerina/io;

// The usual ways to read a map member: with a default, or after a type test on a copy.
public function main() {
    map<int> counts = {inbox: 3};
    int n = counts["inbox"] ?: 0;
    int? spam = counts["spam"];
    io:println(n); // @output 3
    io:println(spam is ()); // @output true
}
