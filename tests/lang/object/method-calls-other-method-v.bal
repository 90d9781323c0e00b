import ballerina/io;

class Pricing {
    function base() returns int => 100;

    function withTax() returns int => self.base() + self.base() / 10;
}

public function main() {
    Pricing p = new;
    io:println(p.withTax()); // @output 110
}
