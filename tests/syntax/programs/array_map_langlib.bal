// construct: lang.array and lang.map functions — push, pop, slice, sort, reverse, indexOf, some/every, keys, hasKey, remove
import ballerina/io;
import ballerina/lang.array;

public function main() {
    string[] senders = ["cy@x.org", "ann@x.org", "bob@x.org"];
    senders.push("dee@x.org");
    string last = senders.pop();
    string[] sorted = senders.sort();
    string[] descending = senders.sort(array:DESCENDING);
    string[] firstTwo = sorted.slice(0, 2);
    int? position = sorted.indexOf("bob@x.org");
    boolean anyAnn = senders.some(s => s.startsWith("ann"));
    boolean allOrg = senders.every(s => s.endsWith(".org"));
    map<int> counts = {INBOX: 3, Spam: 9};
    counts["Sent"] = 1;
    boolean hasSpam = counts.hasKey("Spam");
    int spam = counts.remove("Spam");
    string[] keys = counts.keys();
    int[] values = counts.toArray();
    io:println(last, " ", sorted, " ", descending, " ", firstTwo, " ", position, " ", anyAnn, " ", allOrg);
    io:println(hasSpam, " ", spam, " ", keys, " ", values, " ", sorted.reverse());
}
