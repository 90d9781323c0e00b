// construct: isolated functions and methods, isolated class with a lock, isolated object reached through final field
import ballerina/io;

isolated function normalize(string address) returns string {
    return address.trim().toLowerAscii();
}

isolated class SeenSet {
    private final map<boolean> seen = {};

    isolated function add(string id) returns boolean {
        lock {
            if self.seen.hasKey(id) {
                return false;
            }
            self.seen[id] = true;
            return true;
        }
    }

    isolated function size() returns int {
        lock {
            return self.seen.length();
        }
    }
}

final SeenSet dedup = new;

isolated function accept(string id) returns boolean {
    return dedup.add(normalize(id));
}

public function main() {
    boolean a = accept(" MSG-1 ");
    boolean b = accept("msg-1");
    boolean c = accept("msg-2");
    io:println(a, " ", b, " ", c, " ", dedup.size());
}
