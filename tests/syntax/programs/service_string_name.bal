// construct: service declaration whose attach point is a string literal, with remote methods
import ballerina/io;

class QueueListener {
    public function attach(service object {} s, string[]|string? name = ()) returns error? {
        io:println("attached service ", name);
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

listener QueueListener queue = new;

service "order-events" on queue {
    remote function onEvent(string payload) returns error? {
        io:println("event: ", payload);
    }

    remote function onError(error err) {
        io:println("failed: ", err.message());
    }
}

public function main() {
    io:println("service declared");
}
