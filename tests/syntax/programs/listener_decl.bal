// construct: listener declarations — a class implementing the listener methods, typed and untyped listener decls
import ballerina/io;

class MemoryListener {
    private final string name;
    private int attached = 0;

    public function init(string name) {
        self.name = name;
    }

    public function attach(service object {} s, string[]|string? name = ()) returns error? {
        self.attached += 1;
    }

    public function detach(service object {} s) returns error? {
    }

    public function 'start() returns error? {
        io:println(self.name, " started with ", self.attached, " service(s)");
    }

    public function gracefulStop() returns error? {
    }

    public function immediateStop() returns error? {
    }
}

listener MemoryListener primary = new ("primary");
listener secondary = new MemoryListener("secondary");

service on primary, secondary {
    remote function ping() returns string {
        return "pong";
    }
}

public function main() {
    io:println("listeners declared");
}
