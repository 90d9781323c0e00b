import ballerina/io;

type Msg record {|
    string subject;
    int size;
|};

public function main() {
    Msg[] msgs = [{subject: "b", size: 20}, {subject: "a", size: 30}, {subject: "c", size: 10}];
    string[] bySize = from Msg m in msgs order by m.size select m.subject;
    io:println(bySize); // @output ["c","b","a"]
    string[] bySubjectDesc = from Msg m in msgs order by m.subject descending select m.subject;
    io:println(bySubjectDesc); // @output ["c","b","a"]
}
