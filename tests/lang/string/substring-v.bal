import ballerina/io;

public function main() {
    string s = "Re: weekly report";
    io:println(s.substring(4)); // @output weekly report
    io:println(s.substring(4, 10)); // @output weekly
    io:println(string:substring(s, 0, 2)); // @output Re
}
