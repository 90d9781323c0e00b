import ballerina/io;

// A local of the enclosing function is in scope from its declaration on: an anonymous function
// written before it may declare a local of the same name.
public function main() {
    var f = function () returns int {
        int z = 3;
        return z * 2;
    };
    int z = f();
    io:println(z); // @output 6
    if z > 0 {
        int w = 1;
        io:println(w); // @output 1
    }
    var g = function () returns int {
        int w = 10;
        return w + z;
    };
    io:println(g()); // @output 16
}
