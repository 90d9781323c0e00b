import ballerina/io;

enum Folder {
    INBOX,
    SENT,
    TRASH
}

public function main() {
    Folder f = SENT;
    io:println(f); // @output SENT
    io:println(f == SENT); // @output true
    io:println(INBOX is Folder); // @output true
    string s = "OTHER";
    io:println(s is Folder); // @output false
}
