import ballerina/io;

public function main() {
    string domain = "example";
    string:RegExp r = re `@${domain}\.com$`;
    io:println(r.isFullMatch("@example.com")); // @output true
    io:println(r.isFullMatch("@other.com")); // @output false
}
