import ballerina/io;

// A match guard is an expression followed by `=>` and the clause's block: `if allowed => {` is the
// guard `allowed`, not an arrow function `allowed => {...}`.
function classify(int x, boolean allowed) returns string {
    match x {
        1|2|3 if allowed => {
            return "small and allowed";
        }
        var n if n > 100 => {
            return "big";
        }
        _ => {
            return "other";
        }
    }
}

public function main() {
    io:println(classify(1, true)); // @output small and allowed
    io:println(classify(1, false)); // @output other
    io:println(classify(500, false)); // @output big
    boolean ok = true;
    function (int) returns int f = n => n + 1;
    match f(1) {
        2 if ok => {
            io:println("two"); // @output two
        }
    }
}
