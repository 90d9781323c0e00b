import ballerina/io;

// A listener written in Ballerina: each `service ... on` declaration is attached to it during module
// initialisation (the attach point is `()`, the string literal, or the absolute path as a `string[]`),
// `main` runs, then every module listener is started with `'start()` (a listener created in the service
// declaration, `on new L(...)`, too) and stopped with `gracefulStop()` when the program ends.
class Recorder {
    private final string name;

    function init(string name) {
        self.name = name;
    }

    public function attach(service object {} svc, string[]|string? attachPoint = ()) returns error? {
        io:println(self.name, " attach ", attachPoint is () ? "()" : attachPoint.toString());
    }

    public function detach(service object {} svc) returns error? {
    }

    public function 'start() returns error? {
        io:println(self.name, " start");
    }

    public function gracefulStop() returns error? {
        io:println(self.name, " graceful stop");
    }

    public function immediateStop() returns error? {
    }
}

listener Recorder first = new ("first");

service on first {
    function init() {
        io:println("service init"); // @output service init
    }
}
// @output first attach ()

service /orders/open on first {
}
// @output first attach ["orders","open"]

service "inbox" on new Recorder("inline") {
}
// @output inline attach inbox

public function main() {
    io:println("main"); // @output main
}
// @output first start
// @output inline start
// @output first graceful stop
// @output inline graceful stop
