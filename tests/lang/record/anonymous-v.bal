import ballerina/io;

public function main() {
    record {|string name; int age;|} p = {name: "ann", age: 30};
    io:println(p.name, " ", p.age); // @output ann 30
}
