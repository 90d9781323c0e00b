import ballerina/io;

type P record {|
    string dept;
    int age;
    string name;
|};

public function main() {
    P[] ps = [
        {dept: "b", age: 30, name: "x"},
        {dept: "a", age: 40, name: "y"},
        {dept: "a", age: 20, name: "z"}
    ];
    string[] names = from P p in ps order by p.dept ascending, p.age descending select p.name;
    io:println(names); // @output ["y","z","x"]
}
