import ballerina/io;

// Resource methods of one client class may share a path with another accessor, or a prefix, and a plain
// method of it may return a client object.
client class Connection {
    remote function ping() returns string {
        return "pong";
    }
}

client class Server {
    resource function get items/[string name]() returns string {
        return "get " + name;
    }

    resource function post items/[string name]() returns string {
        return "post " + name;
    }

    resource function get items/[string name]/size() returns int {
        return name.length();
    }

    resource function get items() returns string[] {
        return ["a"];
    }

    function connect() returns Connection {
        return new;
    }
}

public function main() {
    Server s = new;
    string a = s->/items/["x"].get();
    string b = s->/items/["y"].post();
    int n = s->/items/["abc"]/size;
    Connection c = s.connect();
    string p = c->ping();
    io:println(a, " ", b, " ", n, " ", p); // @output get x post y 3 pong
}
