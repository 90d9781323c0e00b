import ballerina/io;

class Port {
    int number;

    function init(int number) returns error? {
        if number <= 0 {
            return error("invalid port");
        }
        self.number = number;
    }
}

public function main() {
    Port|error p = new Port(993);
    io:println(p is Port); // @output true
    Port|error q = new Port(-1);
    if q is error {
        io:println(q.message()); // @output invalid port
    }
}
