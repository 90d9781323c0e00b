import ballerina/io;

type Employee record {|
    readonly int id;
    string name;
|};

type Person record {|
    readonly string first;
    readonly string last;
    int age;
|};

public function main() {
    table<Employee> key(id) employees = table [{id: 1, name: "Alice"}, {id: 2, name: "Bob"}];
    Employee? e = employees[2];
    io:println(e); // @output {"id":2,"name":"Bob"}
    io:println(employees[3] is ()); // @output true
    if e is Employee {
        io:println(e.name); // @output Bob
    }

    table<Person> key(first, last) people = table [
        {first: "Ada", last: "Lovelace", age: 36},
        {first: "Alan", last: "Turing", age: 41}
    ];
    io:println(people["Alan", "Turing"]); // @output {"first":"Alan","last":"Turing","age":41}
    io:println(people["Alan", "Lovelace"] is ()); // @output true
    io:println(people.keys()); // @output [["Ada","Lovelace"],["Alan","Turing"]]
    Person? ada = people.get(["Ada", "Lovelace"]);
    io:println(ada?.age); // @output 36
}
