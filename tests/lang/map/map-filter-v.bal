import ballerina/io;

public function main() {
    map<int> m = {a: 1, b: 2, c: 3};
    map<int> doubled = m.map(v => v * 2);
    io:println(doubled); // @output {"a":2,"b":4,"c":6}
    map<int> big = m.filter(v => v > 1);
    io:println(big); // @output {"b":2,"c":3}
    int total = m.reduce(function(int acc, int v) returns int => acc + v, 0);
    io:println(total); // @output 6
}
