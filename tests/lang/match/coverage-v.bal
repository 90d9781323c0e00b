// Clauses that do not cover every value of the matched type let control reach the statement after the
// `match` (spec: match statement); guarded clauses cover nothing for sure, and `_` leaves errors to the
// next clause.
import ballerina/io;

function sign(int n) returns string {
    match n {
        0 => {
            return "zero";
        }
        var x if x > 0 => {
            return "positive";
        }
    }
    return "negative";
}

function kind(boolean b) returns string {
    match b {
        true => {
            return "true";
        }
    }
    return "false";
}

function describe(int|error v) returns string {
    match v {
        _ => {
            return "value";
        }
    }
    return "error";
}

function either(anydata|error v) returns string {
    match v {
        _ => {
            return "value";
        }
        var e => {
            return "other " + (e is error ? e.message() : "");
        }
    }
}

public function main() {
    io:println(sign(0), " ", sign(5), " ", sign(-2)); // @output zero positive negative
    io:println(kind(true), " ", kind(false)); // @output true false
    io:println(describe(1), " ", describe(error("e"))); // @output value error
    io:println(either(3), " ", either(error("boom"))); // @output value other boom
}
