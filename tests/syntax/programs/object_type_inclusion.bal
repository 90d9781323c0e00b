// construct: object type descriptors, object type inclusion (*T) in object types and classes, abstract methods
import ballerina/io;

type Named object {
    public function name() returns string;
};

type Handler object {
    *Named;
    public function process(string body) returns int;
};

class LengthHandler {
    *Handler;

    public function name() returns string {
        return "length";
    }

    public function process(string body) returns int {
        return body.length();
    }
}

public function main() {
    Handler h = new LengthHandler();
    Named n = h;
    io:println(n.name(), " ", h.process("hello"));
}
