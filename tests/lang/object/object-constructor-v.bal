import ballerina/io;

type Greeter object {
    function greet(string name) returns string;
};

public function main() {
    string prefix = "Hello";
    Greeter g = object {
        function greet(string name) returns string {
            return prefix + ", " + name;
        }
    };
    io:println(g.greet("ann")); // @output Hello, ann
}
