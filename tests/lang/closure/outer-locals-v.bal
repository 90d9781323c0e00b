import ballerina/io;

public function main() {
    // closures capture variables, not values: updates on either side are seen by both
    int counter = 0;
    var inc = function() {
        counter += 1;
    };
    inc();
    inc();
    io:println(counter); // @output 2
    (function () returns int)[] funcs = [];
    foreach int i in 0 ..< 3 {
        funcs.push(() => i * 10);
    }
    int k = 5;
    while k < 7 {
        int captured = k;
        funcs.push(() => captured);
        k += 1;
    }
    string out = "";
    foreach var f in funcs {
        out += f().toString() + ";";
    }
    io:println(out); // @output 0;10;20;5;6;
    var adder = function(int n) returns function (int) returns int {
        return m => m + n;
    };
    io:println(adder(3)(4)); // @output 7
}
