import ballerina/io;

int attempts = 0;

function flaky() returns error? {
    attempts += 1;
    if attempts < 3 {
        return error("temporary");
    }
}

public function main() {
    retry (3) {
        check flaky();
    } on fail error e {
        io:println("gave up ", e.message());
    }
    io:println(attempts); // @output 3
}
