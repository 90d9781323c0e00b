// construct: readonly type, intersection with readonly (&), readonly record fields, cloneReadOnly, isReadOnly
import ballerina/io;

type Credentials readonly & record {|
    string user;
    string token;
|};

type Rule record {|
    readonly string name;
    string[] keywords;
|};

public function main() {
    Credentials creds = {user: "svc", token: "t0k3n"};
    readonly & string[] folders = ["INBOX", "Archive"];
    int[] mutable = [1, 2];
    readonly & int[] frozen = mutable.cloneReadOnly();
    readonly anything = "constant";
    Rule rule = {name: "spam", keywords: ["win", "free"]};
    rule.keywords.push("prize");
    io:println(creds.user, " ", folders, " ", frozen.isReadOnly(), " ", mutable.isReadOnly());
    io:println(anything, " ", rule);
}
