import ballerina/io;

configurable int pollSeconds = 30;
configurable string folder = "INBOX";

public function main() {
    io:println(folder, " every ", pollSeconds, "s"); // @output INBOX every 30s
}
