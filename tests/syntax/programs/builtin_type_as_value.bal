// construct: a built-in type used as a value (typedesc argument); an array of tuples declared at statement start
import ballerina/io;

public function main() returns error? {
    json count = 42;
    int n = check count.ensureType(int);
    json doc = {"ids": [1, 2, 3]};
    map<json> fields = check doc.cloneWithType(map<json>);
    json ids = [4, 5];
    int[] numbers = check ids.cloneWithType(int[]);
    [string, int][] pairs = [["a", 1], ["b", 2]];
    io:println(n, " ", fields, " ", numbers, " ", pairs.length());
}
