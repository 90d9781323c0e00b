import ballerina/io;

public function main() {
    int n = 7;
    string kind = n % 2 == 0 ? "even" : "odd";
    io:println(kind); // @output odd
    io:println(n > 5 ? n > 6 ? "big" : "mid" : "small"); // @output big
}
