import ballerina/io;

class Greeter {
    string name = "ann";

    function hello() returns string {
        return "hello " + self.name;
    }
}

public function main() {
    Greeter g = new;
    function () returns string f = g.hello;
    g.name = "bob";
    io:println(f()); // @output hello bob
}
