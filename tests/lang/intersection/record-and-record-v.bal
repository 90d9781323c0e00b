import ballerina/io;

type Named record {
    string name;
};

type Aged record {
    int age;
};

type Both Named & Aged;

public function main() {
    // spec: a value belongs to T1 & T2 when it belongs to both; a record constructor builds the
    // intersection's fields
    Both b = {name: "ann", age: 30};
    io:println(b.name, " ", b.age); // @output ann 30
    io:println(b is Named, " ", b is Aged); // @output true true
    Named & Aged c = {name: "bo", age: 4};
    io:println(c); // @output {"name":"bo","age":4}
}
