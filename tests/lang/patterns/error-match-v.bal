import ballerina/io;

type NotFound distinct error<record {| string path; |}>;

function describe(error e) returns string {
    match e {
        error NotFound(var m, path = var p) => {
            return "not found: " + p + " (" + m + ")";
        }
        error("timeout", code = 408) => {
            return "timed out";
        }
        error(var m, code = var c) if c is int && c >= 500 => {
            return "server " + c.toString() + ": " + m;
        }
        error(var m, var cause, ...var rest) if cause is error => {
            return m + " caused by " + cause.message() + " " + rest.toString();
        }
        var error(m, ...rest) => {
            return "other " + m + " " + rest.toString();
        }
    }
}

public function main() {
    io:println(describe(error NotFound("no such folder", path = "/Archive"))); // @output not found: /Archive (no such folder)
    io:println(describe(error("timeout", code = 408))); // @output timed out
    io:println(describe(error("timeout", code = 409))); // @output other timeout {"code":409}
    io:println(describe(error("unavailable", code = 503))); // @output server 503: unavailable
    io:println(describe(error("send", error("dns"), host = "x"))); // @output send caused by dns {"host":"x"}
    io:println(describe(error("plain"))); // @output other plain {}
}
