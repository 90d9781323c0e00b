import ballerina/io;

type Labels record {|
    string...;
|};

type Retry record {|
    int count = 3;
    decimal delay = 1.5;
|};

function tag(*Labels labels) returns string[] => labels.keys();

function withRetry(string name, *Retry options) returns string => string `${name} ${options.count} ${options.delay}`;

const int BASE = 2;
const int DOUBLE = BASE * 2;

public function main() {
    io:println(tag(env = "prod", tier = "2")); // @output ["env","tier"]
    io:println(withRetry("poll", count = 5)); // @output poll 5 1.5
    io:println(DOUBLE); // @output 4
    map<string>? names = {a: "x"};
    io:println(names?.a); // @output x
    float f = 2.5;
    io:println(<int|float>f, " ", <decimal>f); // @output 2.5 2.5
    int[] xs = [1, 2, 3];
    byte i = 1;
    io:println(xs[i], " ", xs.length()); // @output 2 3
}
