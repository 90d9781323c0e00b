// Narrowing follows the flow of control (spec: conditional variable type narrowing): a branch that
// cannot complete narrows what follows the `if`, two branches that both complete give the union of
// their types, `!`, `&&`, `||` and constant conditions combine the tests.
import ballerina/io;

function describe(int|float|string x) returns string {
    if x is int|float {
        if x is int {
            return "int";
        }
        // here x is float
    }
    float|string rest = x; // float from the first branch, string from the implicit else
    return rest is float ? "float" : "string";
}

function early(string? s) returns int {
    if s is () {
        return -1;
    }
    string t = s;
    return t.length();
}

function negated(int|string v) returns int {
    if v !is int {
        return v.length();
    }
    int n = v;
    return n;
}

function constantAnd(int|string x) returns string {
    if true && x is string {
        return x;
    }
    int n = x; // the false branch of `true && x is string` is where `x is string` fails
    return n.toString();
}

function notTest(int|string x) returns int {
    if !(x is string) {
        int n = x;
        return n;
    } else {
        string s = x;
        return s.length();
    }
}

function fromAny(any a) returns int {
    if a is int {
        int n = a;
        return n * 2;
    }
    return 0;
}

function loopBreak(int?[] xs) returns int {
    int total = 0;
    foreach int? x in xs {
        if x is () {
            continue;
        }
        int y = x;
        total += y;
    }
    return total;
}

function assignThenTest() returns int {
    int|string v = "a";
    v = 5;
    if v is string {
        return 0;
    }
    int n = v;
    return n;
}

public function main() {
    io:println(describe(1), " ", describe(2.5), " ", describe("z")); // @output int float string
    io:println(early(()), " ", early("abc")); // @output -1 3
    io:println(negated("four"), " ", negated(7)); // @output 4 7
    io:println(constantAnd("s"), " ", constantAnd(3)); // @output s 3
    io:println(notTest(4), " ", notTest("ab")); // @output 4 2
    io:println(fromAny(21), " ", fromAny("x")); // @output 42 0
    io:println(loopBreak([1, (), 2])); // @output 3
    io:println(assignThenTest()); // @output 5
}
