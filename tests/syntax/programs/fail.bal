// construct: fail statement — caught by an enclosing on fail clause, and returned from a function
import ballerina/io;

type ValidationError distinct error;

function validate(string address) returns string|error {
    if address.indexOf("@") is () {
        fail error ValidationError("missing @ in " + address);
    }
    return address;
}

public function main() {
    string[] inputs = ["ann@example.com", "bogus", "bob@host.invalid"];
    foreach string input in inputs {
        do {
            string ok = check validate(input);
            if ok.endsWith(".invalid") {
                fail error("reserved domain");
            }
            io:println("valid ", ok);
        } on fail error e {
            io:println("invalid ", input, ": ", e.message(), " validation=", e is ValidationError);
        }
    }
}
