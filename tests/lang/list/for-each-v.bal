import ballerina/io;

public function main() {
    int sum = 0;
    int[] xs = [10, 20, 30];
    xs.forEach(function(int x) {
        sum += x;
    });
    io:println(sum); // @output 60
}
