import ballerina/io;
configurable string suffix = "?";
public final string LABEL = "util";
public const int LIMIT = 3;

public type Item record {| string name; |};

public class Counter {
    int n = 0;
    public function next() returns int {
        self.n += 1;
        return self.n;
    }
}

public function clean(string s) returns string => trimmed(s) + suffix;

function trimmed(string s) returns string => s.trim();

function init() {
    io:println("util init");
}
