import ballerina/io;
import ballerina/lang.runtime;

// runtime:onGracefulStop handlers run when the program ends gracefully: after the listeners'
// gracefulStop() (here once `main` has returned, as with `balmail run --once`), last registered first.
class Quiet {
    public function attach(service object {} svc, () attachPoint = ()) returns error? {
    }

    public function detach(service object {} svc) returns error? {
    }

    public function 'start() returns error? {
    }

    public function gracefulStop() returns error? {
        io:println("listener stopped");
    }

    public function immediateStop() returns error? {
    }
}

listener Quiet l = new;

function first() returns error? {
    io:println("first handler");
}

public function main() {
    runtime:onGracefulStop(first);
    runtime:onGracefulStop(function() returns error? {
        io:println("second handler");
    });
    io:println("main done"); // @output main done
}
// @output listener stopped
// @output second handler
// @output first handler
