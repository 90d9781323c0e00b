import ballerina/io;

type Msg record {|
    string folder;
    boolean seen;
|};

public function main() {
    Msg[] msgs = [{folder: "INBOX", seen: false}, {folder: "INBOX", seen: true}, {folder: "Sent", seen: false}];
    Msg[] unread = msgs.filter(m => !m.seen && m.folder == "INBOX");
    io:println(unread.length(), " ", unread[0]); // @output 1 {"folder":"INBOX","seen":false}
}
