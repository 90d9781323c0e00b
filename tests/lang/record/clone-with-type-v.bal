import ballerina/io;

type User record {|
    string name;
    int age;
|};

public function main() {
    map<anydata> raw = {name: "ann", age: 31};
    User|error u = raw.cloneWithType(User);
    if u is User {
        io:println(u.name, " ", u.age); // @output ann 31
    }
    map<anydata> bad = {name: "bob"};
    User|error v = bad.cloneWithType(User);
    io:println(v is error); // @output true
}
