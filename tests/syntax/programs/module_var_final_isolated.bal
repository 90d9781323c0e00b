// construct: module-level variables — plain, final, readonly-typed final, isolated (accessed inside lock)
import ballerina/io;

int pollCount = 0;
final string SERVICE_NAME = "inbox-watcher";
final readonly & string[] FOLDERS = ["INBOX", "Spam"];
isolated int handled = 0;

isolated function recordHandled() returns int {
    lock {
        handled += 1;
        return handled;
    }
}

public function main() {
    pollCount += 1;
    int first = recordHandled();
    int second = recordHandled();
    io:println(SERVICE_NAME, " polls=", pollCount, " handled=", first, ",", second, " folders=", FOLDERS);
}
