import ballerina/io;

function total(string label, int... values) returns string {
    int sum = 0;
    foreach int v in values {
        sum += v;
    }
    return label + "=" + sum.toString() + " n=" + values.length().toString();
}

public function main() {
    io:println(total("none")); // @output none=0 n=0
    io:println(total("three", 1, 2, 3)); // @output three=6 n=3
    int[] xs = [10, 20];
    io:println(total("spread", ...xs)); // @output spread=30 n=2
}
