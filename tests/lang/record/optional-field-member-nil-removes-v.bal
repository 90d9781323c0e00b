import ballerina/io;

// The removal rule is about the static type of the lvalue, so it holds for member access too:
// `p["nick"]` with a literal key has the field's own type `string`, which excludes nil, so storing ()
// removes the field. With a key that is only known at run time the lvalue's type is the union of the
// field types, which allows nil, so () is stored.
type Person record {
    string name;
    string nick?;
    int? age?;
};

public function main() {
    Person p = {name: "Ann", nick: "A", age: 30};
    p["nick"] = ();
    io:println(p.hasKey("nick")); // @output false
    p["age"] = ();
    io:println(p.hasKey("age")); // @output true
    io:println(p); // @output {"name":"Ann","age":null}
    string key = "age";
    p[key] = 31;
    io:println(p.age); // @output 31
}
