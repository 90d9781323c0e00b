import ballerina/io;

public function main() {
    string[] ids = ["<a@x>", "<b@x>", "<a@x>", "<c@x>", "<b@x>"];
    map<boolean> seen = {};
    string[] unique = [];
    foreach string id in ids {
        if seen.hasKey(id) {
            continue;
        }
        seen[id] = true;
        unique.push(id);
    }
    io:println(unique); // @output ["<a@x>","<b@x>","<c@x>"]
}
