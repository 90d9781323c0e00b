// An error constructor as the value of an async send (spec: "Async send action": send-action :=
// expression -> peer-worker; any expression, here error(...), written at the start of a statement).
import ballerina/io;

public function main() returns error? {
    worker collector returns string {
        error first = <- function;
        error second = <- function;
        return first.message() + "/" + second.message() + " code=" + second.detail()["code"].toString();
    }
    error("disk full") -> collector;
    error("quota", code = 507) -> collector;
    string summary = wait collector;
    io:println(summary); // @output disk full/quota code=507

    worker reporter {
        error("from reporter (late)") -> function;
    }
    error e = <- reporter;
    io:println(e.message()); // @output from reporter (late)
}
