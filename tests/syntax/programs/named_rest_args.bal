// construct: positional, named and rest arguments; spreading a list into a rest parameter; included record parameters
import ballerina/io;

type Options record {|
    int port = 993;
    boolean secure = true;
|};

function connect(string host, int timeout = 30, string... folders) returns string {
    return string `${host} timeout=${timeout} folders=${folders.length()}`;
}

function open(string host, *Options options) returns string {
    return string `${host}:${options.port} secure=${options.secure}`;
}

public function main() {
    string[] folders = ["INBOX", "Sent"];
    io:println(connect("a.example.com"));
    io:println(connect("b.example.com", timeout = 5));
    io:println(connect(host = "c.example.com"));
    io:println(connect("d.example.com", 10, "INBOX", "Drafts"));
    io:println(connect("e.example.com", 10, ...folders));
    io:println(open("f.example.com"));
    io:println(open("g.example.com", port = 143, secure = false));
    io:println(open("h.example.com", options = {port: 995}));
}
