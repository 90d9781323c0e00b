import ballerina/io;

type Person record {
    string name;
    int age;
};

type Employee record {
    string name;
    int age?;
};

type PersonOrEmployee Person|Employee;

// cloneWithType builds a json value from a record whose fields are json (an open record's own type
// is not json); a mapping that would convert to two record types of a union is an ambiguous target.
public function main() {
    Person p = {name: "N", age: 3};
    json|error j = p.cloneWithType(json);
    io:println(j is json); // @output true
    io:println(j is map<json>); // @output true
    json src = {name: "x", age: 3};
    PersonOrEmployee|error r = src.cloneWithType(PersonOrEmployee);
    io:println(r is error); // @output true
    io:println(r is error ? r.message() : ""); // @output {ballerina/lang.value}ConversionError
    PersonOrEmployee|error r2 = src.fromJsonWithType(PersonOrEmployee);
    io:println(r2 is error); // @output true
    Person|error r3 = src.cloneWithType(Person);
    io:println(r3); // @output {"name":"x","age":3}
}
