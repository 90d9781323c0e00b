// construct: break and continue inside foreach and while loops
import ballerina/io;

public function main() {
    string[] subjects = ["hello", "", "SPAM: win", "invoice", "stop", "never reached"];
    string[] kept = [];
    foreach string subject in subjects {
        if subject == "" {
            continue;
        }
        if subject == "stop" {
            break;
        }
        if subject.startsWith("SPAM") {
            continue;
        }
        kept.push(subject);
    }
    int n = 0;
    while true {
        n += 1;
        if n % 2 == 0 {
            continue;
        }
        if n > 7 {
            break;
        }
    }
    io:println(kept, " ", n);
}
