import ballerina/io;
import ballerina/lang.array;

type Msg record {|
    string subject;
    int size;
|};

public function main() {
    Msg[] msgs = [{subject: "a", size: 30}, {subject: "b", size: 10}, {subject: "c", size: 20}];
    Msg[] bySize = msgs.sort(array:ASCENDING, m => m.size);
    io:println(from Msg m in bySize select m.subject); // @output ["b","c","a"]
    string[] words = ["ccc", "a", "bb"];
    io:println(words.sort(key = w => w.length())); // @output ["a","bb","ccc"]
}
