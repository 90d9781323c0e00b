import ballerina/io;

function classify(error e) returns string {
    match e {
        error("timeout") => {
            return "retry later";
        }
        error(var m, code = 550) => {
            return "rejected: " + m;
        }
        _ => {
            return "other";
        }
    }
    return "unreachable";
}

public function main() {
    io:println(classify(error("timeout"))); // @output retry later
    io:println(classify(error("no such user", code = 550))); // @output rejected: no such user
}
