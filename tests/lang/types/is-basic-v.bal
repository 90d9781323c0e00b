import ballerina/io;

public function main() {
    any[] vs = [1, 1.5, 2.5d, "s", true, ()];
    foreach any v in vs {
        io:print(" ", v is int, v is float, v is decimal, v is string, v is boolean, v is ());
    }
    io:println();
    // @output  truefalsefalsefalsefalsefalse falsetruefalsefalsefalsefalse falsefalsetruefalsefalsefalse falsefalsefalsetruefalsefalse falsefalsefalsefalsetruefalse falsefalsefalsefalsefalsetrue
}
