// construct: list constructors (with spread ...), mapping constructors (computed keys [k]: v, shorthand fields, spread, string keys)
import ballerina/io;

public function main() {
    int[] low = [1, 2];
    int[] high = [8, 9];
    int[] combined = [0, ...low, 5, ...high];
    string[] empty = [];
    string subject = "Status";
    int size = 120;
    string dynamicKey = "X-Priority";
    map<string> base = {"Content-Type": "text/plain"};
    map<string> headers = {
        "Subject": subject,
        [dynamicKey]: "1",
        ["X-" + "Mailer"]: "balmail",
        ...base
    };
    record {|string subject; int size; boolean flagged;|} summary = {subject, size, flagged: false};
    map<anydata> nested = {info: {size}, tags: ["a", "b"], count: combined.length()};
    io:println(combined, " ", empty, " ", headers);
    io:println(summary, " ", nested);
}
