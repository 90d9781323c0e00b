import ballerina/io;

type Address record {|
    string city;
|};

type Person record {|
    string name;
    Address address;
|};

public function main() {
    Person p = {name: "ann", address: {city: "Colombo"}};
    io:println(p.address.city); // @output Colombo
    p.address.city = "Kandy";
    io:println(p); // @output {"name":"ann","address":{"city":"Kandy"}}
}
