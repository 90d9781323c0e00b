// construct: binding patterns — typed and var list/mapping bindings, rest bindings, wildcard, destructuring assignment
import ballerina/io;

type Message record {
    string subject;
    string sender;
    int size;
};

function fetch() returns [string, int, boolean] {
    return ["INBOX", 42, true];
}

public function main() {
    [string, int, boolean] [folder, unread, online] = fetch();
    [int, int...] [first, ...others] = [1, 2, 3, 4];
    [string, int] [label, _] = ["skip-second", 0];
    Message msg = {subject: "Hi", sender: "ann@example.com", size: 120, "spam": false};
    Message {subject, sender: from_, size} = msg;
    var {subject: title, ...extra} = msg;

    int a = 1;
    int b = 2;
    [a, b] = [b, a];
    string s;
    int z;
    {subject: s, size: z} = msg;

    io:println(folder, " ", unread, " ", online, " ", first, " ", others, " ", label);
    io:println(subject, " ", from_, " ", size, " ", title, " ", extra);
    io:println(a, " ", b, " ", s, " ", z);
}
