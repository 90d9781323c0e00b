import ballerina/io;
import ballerina/lang.runtime;

// runtime:registerListener makes a dynamic listener a module listener: it is started after `main`
// and stopped when the program ends; a deregistered one is neither.
class Ticker {
    *runtime:DynamicListener;
    private final string name;

    function init(string name) {
        self.name = name;
    }

    public function 'start() returns error? {
        io:println(self.name, " started");
    }

    public function gracefulStop() returns error? {
        io:println(self.name, " stopped");
    }

    public function immediateStop() returns error? {
    }
}

public function main() {
    Ticker kept = new ("kept");
    Ticker dropped = new ("dropped");
    runtime:registerListener(kept);
    runtime:registerListener(dropped);
    runtime:deregisterListener(dropped);
    io:println("main done"); // @output main done
}
// @output kept started
// @output kept stopped
