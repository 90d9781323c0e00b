// The langlib functions of a record (lang.map `keys`, `entries`, `toArray`, `forEach`, `map`) visit its
// fields in the order it prints them (docs/patterns.md "Record field order": the type's own fields in
// declared order whenever they were set, then those of its type inclusions, then the other fields as they
// were added), so keys and values always line up with what `io:println` shows.
import ballerina/io;

type Base record {
    string company = "WSO2";
};

type Employee record {
    *Base;
    int age;
    string name;
    string nick?;
};

public function main() {
    Employee e = {name: "Anne", age: 30, "team": "HR"};
    e.nick = "A";
    e["floor"] = 2;
    io:println(e); // @output {"age":30,"name":"Anne","nick":"A","company":"WSO2","team":"HR","floor":2}
    io:println(e.keys()); // @output ["age","name","nick","company","team","floor"]
    io:println(e.toArray()); // @output [30,"Anne","A","WSO2","HR",2]
    string[] pairs = [];
    foreach var [k, v] in e.entries() {
        pairs.push(k + "=" + v.toString());
    }
    io:println(pairs); // @output ["age=30","name=Anne","nick=A","company=WSO2","team=HR","floor=2"]
    string[] seen = [];
    e.forEach(function(anydata v) {
        seen.push(v.toString());
    });
    io:println(seen); // @output ["30","Anne","A","WSO2","HR","2"]
    map<string> texts = e.map(v => v.toString());
    io:println(texts.keys() == e.keys()); // @output true
}
