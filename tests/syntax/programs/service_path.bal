// construct: service declarations with absolute resource paths (/a/b and /) as attach points
import ballerina/io;

class PathListener {
    public function attach(service object {} s, string[]|string? name = ()) returns error? {
        io:println("mounted at ", name);
    }

    public function detach(service object {} s) returns error? {
    }

    public function 'start() returns error? {
    }

    public function gracefulStop() returns error? {
    }

    public function immediateStop() returns error? {
    }
}

listener PathListener api = new;

service /mail/v1 on api {
    resource function get status() returns string {
        return "ok";
    }
}

service / on api {
    resource function get health() returns boolean {
        return true;
    }
}

public function main() {
    io:println("two services declared");
}
