// construct: ignoring a non-error result with `_ = expr;` and a wildcard typed binding
import ballerina/io;

function markSeen(map<boolean> flags, string id) returns boolean {
    boolean before = flags[id] ?: false;
    flags[id] = true;
    return before;
}

public function main() {
    map<boolean> flags = {};
    _ = markSeen(flags, "m-1");
    _ = flags.remove("m-1");
    int[] queue = [1, 2, 3];
    _ = queue.pop();
    string _ = "discarded";
    io:println(flags, " ", queue);
}
