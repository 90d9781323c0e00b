import ballerina/io;

type Address record {|
    string city;
    string? zip = ();
|};

type Person record {|
    string name;
    int age?;
    Address addr?;
|};

public function main() {
    Person p = {name: "a"};
    // an absent optional field reads as () through `?.`
    io:println(p?.age is (), " ", p?.addr?.city is ()); // @output true true
    p.age = 3;
    p.addr = {city: "x"};
    io:println(p?.age, " ", p?.addr?.city, " ", p.addr?.zip is ()); // @output 3 x true
    Person? nobody = ();
    io:println(nobody?.name is ()); // @output true
    typedesc<anydata> td = Person;
    io:println(td); // @output typedesc Person
    io:println(typeof 3, " ", typeof "x"); // @output typedesc 3 typedesc "x"
    io:println(typeof p); // @output typedesc Person
}
