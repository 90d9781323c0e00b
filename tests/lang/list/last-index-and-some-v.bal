import ballerina/io;

public function main() {
    string[] folders = ["INBOX", "Sent", "INBOX"];
    io:println(folders.lastIndexOf("INBOX")); // @output 2
    io:println(folders.some(f => f == "Trash")); // @output false
}
