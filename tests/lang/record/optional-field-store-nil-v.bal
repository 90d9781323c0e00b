import ballerina/io;

type Draft record {|
    string subject;
    int priority?;
|};

// Storing () into an optional field is allowed: the field is then absent.
public function main() {
    Draft d = {subject: "hello", priority: 1};
    d.priority = ();
    io:println(d); // @output {"subject":"hello"}
    d["priority"] = 2;
    io:println(d.priority); // @output 2
}
