import ballerina/io;

public function main() {
    ([string, int])[] pairs = [["a", 1], ["b", 2]];
    foreach var [k, v] in pairs {
        match [k, v] {
            ["a", var n] => {
                io:println("a has ", n); // @output a has 1
            }
            [var other, _] => {
                io:println("other ", other); // @output other b
            }
        }
    }
}
