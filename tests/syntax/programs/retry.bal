// construct: retry statement — default retry manager with an attempt count, custom manager as type parameter, on fail
import ballerina/io;

class LimitedRetry {
    private int remaining;

    public function init(int attempts = 3) {
        self.remaining = attempts;
    }

    public function shouldRetry(error e) returns boolean {
        if self.remaining > 0 {
            self.remaining -= 1;
            return true;
        }
        return false;
    }
}

int calls = 0;

function flaky() returns string|error {
    calls += 1;
    if calls < 3 {
        return error 'error:Retriable("temporary failure " + calls.toString());
    }
    return "connected on call " + calls.toString();
}

public function main() returns error? {
    retry (4) {
        string result = check flaky();
        io:println(result);
    }
    calls = 0;
    retry<LimitedRetry> (1) {
        string result = check flaky();
        io:println(result);
    } on fail error e {
        io:println("gave up: ", e.message());
    }
}
