import ballerina/io;

class Calc {
    int acc = 0;

    function add(int x) returns Calc {
        self.acc += x;
        return self;
    }

    function value() returns int => self.acc;
}

public function main() {
    Calc c = new;
    io:println(c.add(2).add(3).value()); // @output 5
}
