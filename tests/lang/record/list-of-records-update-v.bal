import ballerina/io;

type Task record {|
    string name;
    boolean done = false;
|};

public function main() {
    Task[] tasks = [{name: "a"}, {name: "b"}];
    tasks[1].done = true;
    io:println(from Task t in tasks where t.done select t.name); // @output ["b"]
}
