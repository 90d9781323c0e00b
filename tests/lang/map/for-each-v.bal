import ballerina/io;

public function main() {
    map<int> m = {a: 1, b: 2};
    int sum = 0;
    m.forEach(function(int v) {
        sum += v;
    });
    io:println(sum); // @output 3
}
