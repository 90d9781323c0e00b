import ballerina/io;

type Employee record {|
    readonly int id;
    string name;
    int salary;
|};

type EmployeeTable table<Employee> key(id);

public function main() {
    table<Employee> key(id) employees = table [
        {id: 1, name: "Alice", salary: 100},
        {id: 2, name: "Bob", salary: 200}
    ];
    io:println(employees); // @output [{"id":1,"name":"Alice","salary":100},{"id":2,"name":"Bob","salary":200}]
    io:println(employees.length()); // @output 2

    EmployeeTable named = table key(id) [{id: 7, name: "Carol", salary: 300}];
    io:println(named); // @output [{"id":7,"name":"Carol","salary":300}]

    table<Employee> keyless = table [{id: 1, name: "A", salary: 1}, {id: 1, name: "A", salary: 1}];
    io:println(keyless.length()); // @output 2

    table<Employee> key(id) empty = table [];
    io:println(empty); // @output []
    io:println(empty.length()); // @output 0

    var inferred = table key(code) [{code: "x", n: 1}, {code: "y", n: 2}];
    io:println(inferred); // @output [{"code":"x","n":1},{"code":"y","n":2}]
    io:println(inferred.keys()); // @output ["x","y"]
}
