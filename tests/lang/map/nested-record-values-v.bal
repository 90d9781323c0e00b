import ballerina/io;

type Stat record {|
    int count;
    int bytes;
|};

public function main() {
    map<Stat> stats = {};
    foreach [string, int] [folder, size] in [["INBOX", 10], ["Sent", 5], ["INBOX", 7]] {
        Stat? s = stats[folder];
        if s is Stat {
            s.count += 1;
            s.bytes += size;
        } else {
            stats[folder] = {count: 1, bytes: size};
        }
    }
    io:println(stats); // @output {"INBOX":{"count":2,"bytes":17},"Sent":{"count":1,"bytes":5}}
}
