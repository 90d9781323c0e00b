// construct: record fields that are optional (?), defaulted, readonly, and record rest descriptors (T...;)
import ballerina/io;

type PollSettings record {|
    string folder = "INBOX";
    decimal interval = 30;
    int batchSize?;
    readonly string account;
    string...;
|};

type Labels record {|
    int count;
    boolean...;
|};

public function main() {
    PollSettings s = {account: "ops", "note": "night shift"};
    PollSettings t = {account: "sales", batchSize: 10, interval: 5};
    int? size = s?.batchSize;
    Labels labels = {count: 2, "urgent": true, "read": false};
    io:println(s.folder, " ", s.interval, " ", size, " ", s["note"]);
    io:println(t?.batchSize, " ", t.account, " ", labels["urgent"], " ", labels);
}
