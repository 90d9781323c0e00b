// construct: annotation declarations (typed, untyped, on several attach points), annotation use, access via .@
import ballerina/io;

type RuleInfo record {|
    string owner;
    int priority = 0;
|};

type ColumnInfo record {|
    string name;
|};

annotation RuleInfo rule on type, function;
annotation experimental on function;
annotation ColumnInfo column on record field;

@rule {owner: "ops", priority: 2}
type SpamFilter record {|
    @column {name: "words"}
    string[] keywords;
|};

@rule {owner: "security"}
@experimental
function quarantine(string id) returns string {
    return "quarantined " + id;
}

@display {label: "Inbox summary"}
function summary() returns string => "0 unread";

public function main() {
    SpamFilter filter = {keywords: ["prize"]};
    typedesc<any> t = typeof filter;
    RuleInfo? info = t.@rule;
    io:println(info, " ", quarantine("m-1"), " ", summary(), " ", filter.keywords);
}
