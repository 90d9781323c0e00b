import ballerina/io;

// `check new` takes the object out of `C|error`; a class without `init` takes no arguments.
class Connection {
    int port;

    function init(int port) returns error? {
        if port <= 0 {
            return error("bad port");
        }
        self.port = port;
    }
}

class Plain {
    string label = "plain";
}

function open(int port) returns int|error {
    Connection c = check new (port);
    return c.port;
}

public function main() {
    io:println(open(993)); // @output 993
    io:println(open(0)); // @output error("bad port")
    Plain p = new;
    io:println(p.label); // @output plain
}
