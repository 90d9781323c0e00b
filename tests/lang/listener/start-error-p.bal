import ballerina/io;

class Broken {
    public function attach(service object {} svc, () attachPoint = ()) returns error? {
    }

    public function detach(service object {} svc) returns error? {
    }

    public function 'start() returns error? {
        return error("port already in use"); // @panic port already in use
    }

    public function gracefulStop() returns error? {
    }

    public function immediateStop() returns error? {
    }
}

// `main` runs first; the error from `'start()` after it ends the program with exit code 1
listener Broken l = new;

service on l {
}

public function main() {
    io:println("main ran"); // @output main ran
}
