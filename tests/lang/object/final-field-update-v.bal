import ballerina/io;

// A `final` field of an object is set by its initialiser and cannot change afterwards; an update through
// a wider object type panics with `{ballerina/lang.object}InherentTypeViolation` (jBallerina's wording).
class Person {
    final string name;
    int age;

    function init(string name, int age) {
        self.name = name;
        self.age = age;
    }
}

public function main() {
    Person p = new ("Anne", 30);
    object { string name; int age; } view = p;
    view.age = 31;
    error? r = trap updateName(view);
    if r is error {
        io:println(r.message()); // @output {ballerina/lang.object}InherentTypeViolation
        io:println(r.detail()["message"]); // @output cannot update 'final' field 'name' in object of type 'Person'
    }
    io:println(p.name, " ", p.age); // @output Anne 31
}

function updateName(object { string name; int age; } o) {
    o.name = "Jo";
}
