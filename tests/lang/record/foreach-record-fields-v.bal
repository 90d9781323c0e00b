import ballerina/io;

type Contact record {|
    string name;
    string email;
|};

public function main() {
    Contact c = {name: "Ann", email: "ann@example.com"};
    foreach string value in c {
        io:println(value);
    }
    // @output Ann
    // @output ann@example.com
    map<int>|map<float> amounts = {a: 1};
    foreach int|float amount in amounts {
        io:println(amount); // @output 1
    }
    [int, string] pair = [1, "x"];
    foreach var member in pair {
        io:println(member);
    }
    // @output 1
    // @output x
}
