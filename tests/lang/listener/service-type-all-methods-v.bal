import ballerina/io;

// A service declared with an object type that implements every method of it.
type Poller service object {
    function poll() returns int;
};

class Ticker {
    public function attach(service object {} svc, () name = ()) returns error? {
        io:println("attached");
    }

    public function detach(service object {} svc) returns error? {
    }

    public function 'start() returns error? {
    }

    public function gracefulStop() returns error? {
    }

    public function immediateStop() returns error? {
    }
}

listener Ticker ticker = new;

service Poller on ticker {
    function poll() returns int {
        return 1;
    }

    function extra() {
    }
}

public function main() {
    io:println("main");
}
// @output attached
// @output main
