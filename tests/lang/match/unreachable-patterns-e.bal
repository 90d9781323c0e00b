// Match clauses are tried in order (spec: match statement). `_` matches every value that is not an error
// and `var x` every value, so a pattern after an unguarded one of them can never be reached; and when the clauses cover every value of the matched type and none of them
// completes, the statement after the `match` is unreachable.
import ballerina/io;

function afterWildcard(any v) {
    match v {
        _ => {
            io:println("any");
        }
        "a" => { // @error unreachable pattern: preceding patterns are too general or the pattern ordering is not correct
            io:println("a");
        }
    }
}

function repeated(int n) {
    match n {
        1 | 2 => {
            io:println("small");
        }
        2 => { // @error unreachable pattern: preceding patterns are too general or the pattern ordering is not correct
            io:println("two");
        }
    }
}

function afterCapture(int|string v) {
    match v {
        var x => {
            io:println(x);
        }
        _ => { // @error unreachable pattern: preceding patterns are too general or the pattern ordering is not correct
            io:println("never");
        }
    }
}

function allBooleans(boolean b) returns string {
    match b {
        true => {
            return "yes";
        }
        false => {
            return "no";
        }
    }
    return "unknown"; // @error unreachable code
}

type Light "red"|"green";

function allLights(Light l) returns int {
    match l {
        "red" | "green" => {
            return 1;
        }
    }
    return 0; // @error unreachable code
}

public function main() {
}
