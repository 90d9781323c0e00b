import ballerina/io;

type Employee record {|
    readonly int id;
    string name;
    int salary;
|};

public function main() {
    table<Employee> key(id) employees = table [
        {id: 1, name: "Alice", salary: 300},
        {id: 2, name: "Bob", salary: 100},
        {id: 3, name: "Carol", salary: 200}
    ];

    string[] names = from var e in employees where e.salary > 150 select e.name;
    io:println(names); // @output ["Alice","Carol"]

    table<Employee> key(id) raised = table key(id) from var e in employees
        where e.salary < 300
        select {id: e.id, name: e.name, salary: e.salary + 50};
    io:println(raised); // @output [{"id":2,"name":"Bob","salary":150},{"id":3,"name":"Carol","salary":250}]
    io:println(raised[3]?.salary); // @output 250

    // the expected type alone makes the query build a table
    table<Employee> key(id) copy = from var e in employees select e;
    io:println(copy.keys()); // @output [1,2,3]

    Employee[] list = [{id: 1, name: "A", salary: 1}, {id: 1, name: "B", salary: 2}];
    // without `on conflict`, a later row with the same key replaces the earlier one
    table<Employee> key(id) merged = table key(id) from var e in list select e;
    io:println(merged); // @output [{"id":1,"name":"B","salary":2}]

    table<Employee> key(id)|error clash = table key(id) from var e in list
        select e on conflict error("duplicate employee");
    if clash is error {
        io:println(clash.message()); // @output duplicate employee
    }

    int total = 0;
    foreach var e in employees {
        total += e.salary;
    }
    io:println(total); // @output 600
}
