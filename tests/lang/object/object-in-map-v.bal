import ballerina/io;

class Handler {
    string tag;

    function init(string tag) {
        self.tag = tag;
    }

    function process(string msg) returns string => self.tag + ":" + msg;
}

public function main() {
    map<Handler> handlers = {a: new ("A"), b: new ("B")};
    Handler? h = handlers["b"];
    if h is Handler {
        io:println(h.process("x")); // @output B:x
    }
}
