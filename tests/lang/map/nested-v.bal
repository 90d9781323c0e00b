import ballerina/io;

public function main() {
    map<map<int>> byFolder = {inbox: {unread: 2}};
    byFolder["sent"] = {unread: 0};
    io:println(byFolder); // @output {"inbox":{"unread":2},"sent":{"unread":0}}
    map<int>? inbox = byFolder["inbox"];
    if inbox is map<int> {
        io:println(inbox["unread"]); // @output 2
    }
}
