// When `init` may return an error, `new` gives the object or that error.
class Connection {
    int port;

    function init(int port) returns error? {
        if port <= 0 {
            return error("bad port");
        }
        self.port = port;
    }
}

public function main() {
    Connection c = new (993); // @error incompatible types: expected 'Connection', found '(Connection|error)'
    _ = c;
}
