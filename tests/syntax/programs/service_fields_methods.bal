// construct: service declaration with fields, a non-remote helper method, and remote methods using self
import ballerina/io;

class TickListener {
    public function attach(service object {} s, string[]|string? name = ()) returns error? {
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

listener TickListener ticks = new;

service "counter" on ticks {
    int seen = 0;
    final string prefix = "tick-";
    string[] history = [];

    function label(int n) returns string {
        return self.prefix + n.toString();
    }

    remote function onTick() {
        self.seen += 1;
        self.history.push(self.label(self.seen));
        io:println("seen ", self.history);
    }

    remote function onReset() returns int {
        int before = self.seen;
        self.seen = 0;
        self.history.removeAll();
        return before;
    }
}

public function main() {
    io:println("counter service declared");
}
