import ballerina/io;

function process(string body) returns error? {
    if body == "" {
        return error("empty body", code = 400);
    }
}

public function main() {
    error? e = process("");
    if e is error {
        io:println("failed: ", e.message(), " ", e.detail()["code"]); // @output failed: empty body 400
    }
}
