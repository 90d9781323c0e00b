import ballerina/io;

function greet(string name, string greeting = "Hello", string suffix = "!") returns string {
    return greeting + ", " + name + suffix;
}

public function main() {
    io:println(greet("ann")); // @output Hello, ann!
    io:println(greet("bob", "Hi")); // @output Hi, bob!
    io:println(greet("cy", suffix = "?")); // @output Hello, cy?
    io:println(greet(greeting = "Yo", name = "dee")); // @output Yo, dee!
}
