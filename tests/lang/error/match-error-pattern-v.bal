import ballerina/io;

function classify(error e) returns string {
    match e {
        error("timeout") => {
            return "retry later";
        }
        error(var m, code = 550) => {
            return "rejected: " + m;
        }
        var other => { // `_` would match no error: a capture takes any value
            return "other: " + other.message();
        }
    }
}

public function main() {
    io:println(classify(error("timeout"))); // @output retry later
    io:println(classify(error("no such user", code = 550))); // @output rejected: no such user
    io:println(classify(error("disk full"))); // @output other: disk full
}
