// construct: object construction — implicit `new`, `new (args)`, `new Class(args)`, and `check new` for a fallible init
import ballerina/io;

class Session {
    final string user;

    function init(string user = "anonymous") {
        self.user = user;
    }
}

class Connection {
    final string host;

    function init(string host) returns error? {
        self.host = host;
        if host == "" {
            return error("host must not be empty");
        }
    }
}

public function main() returns error? {
    Session anon = new;
    Session named = new ("ann");
    var explicit = new Session("bob");
    Connection conn = check new ("imap.example.com");
    Connection|error failed = new ("");
    io:println(anon.user, " ", named.user, " ", explicit.user, " ", conn.host, " ", failed is error);
}
