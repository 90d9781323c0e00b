import ballerina/io;

public function main() returns error? {
    json j = {user: {name: "ann", age: 30}};
    json name = check j.user.name;
    io:println(name); // @output ann
    json|error missing = j.user.email;
    io:println(missing is error); // @output true
}
