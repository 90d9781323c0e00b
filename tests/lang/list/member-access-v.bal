import ballerina/io;

public function main() {
    string[] folders = ["INBOX", "Sent", "Trash"];
    io:println(folders[0]); // @output INBOX
    io:println(folders[2]); // @output Trash
    folders[1] = "Drafts";
    io:println(folders); // @output ["INBOX","Drafts","Trash"]
}
