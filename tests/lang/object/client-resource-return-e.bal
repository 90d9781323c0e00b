// A client object's resource method returns neither client objects nor functions.
client class Connection {
    remote function close() {
    }
}

type Handler function (string) returns boolean;

type Opened Connection|error;

client class Server {
    resource function get connection() returns Connection { // @error return type of the resource function does not allow 'client object' types
        return new;
    }

    resource function get maybe() returns Opened? { // @error return type of the resource function does not allow 'client object' types
        return ();
    }

    resource function get handler() returns Handler { // @error return type of the resource function does not allow 'function' types
        return function (string s) returns boolean {
            return s == "";
        };
    }

    function connect() returns Connection {
        return new;
    }
}

public function main() {
}
