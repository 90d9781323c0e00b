// A type test narrows a variable only where it is known to hold (spec: conditional variable type
// narrowing), and narrowing ends where the variable may have been assigned: an assignment, a closure
// that assigns it, or a loop that assigns it. Ballerina then uses the declared type again.
import ballerina/io;

function afterAnd(boolean b, int|string x) {
    if b && x is string {
        return;
    }
    int _ = x; // @error incompatible types: expected 'int', found '(int|string)'
}

function insideOr(boolean b, int|string x) {
    if b || x is string {
        string _ = x; // @error incompatible types: expected 'string', found '(int|string)'
    }
}

function afterAssignment() {
    int|string v = 1;
    if v is int {
        int _ = v;
        v = 2;
        int _ = v; // @error incompatible types: expected 'int', found '(int|string)'
    }
}

function afterClosure() {
    int|string|boolean v = true;
    if v is string|boolean {
        function () reset = function() {
            v = 0;
        };
        reset();
        string|boolean _ = v; // @error incompatible types: expected '(string|boolean)', found '(int|string|boolean)'
    }
}

function afterLoop(any a) {
    any v = a;
    if v is int {
        foreach int i in 0 ..< 3 {
            if i == 1 {
                v = "one";
            }
        }
        int _ = v; // @error incompatible types: expected 'int', found 'any'
    }
}

function whileAssigns() {
    int|string n = 1;
    while n is int {
        n = "done";
        int _ = n; // @error incompatible types: expected 'int', found '(int|string)'
    }
}

public function main() {
    io:println("unreached");
}
