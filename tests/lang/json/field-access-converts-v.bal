import ballerina/io;

json person = {name: "Chiran", age: 24, height: 178.5, nothing: ()};

// A field access on json whose context expects a narrower type converts the value as ensureType
// does: `check` then returns the error when it does not convert; a missing key is an error too.
function ageOf() returns int|error {
    int age = check person.age;
    return age;
}

function nameAsInt() returns int|error {
    int n = check person.name;
    return n;
}

function heightAsInt() returns int|error {
    int h = check person.height;
    return h;
}

function missing() returns int|error {
    int c = check person.children;
    return c;
}

public function main() {
    io:println(ageOf()); // @output 24
    io:println(heightAsInt()); // @output 178
    int|error bad = nameAsInt();
    io:println(bad is error ? bad.message() : "converted"); // @output {ballerina}TypeCastError
    int|error gone = missing();
    io:println(gone is error ? gone.message() : "found"); // @output {ballerina/lang.map}KeyNotFound
    io:println(gone is error ? gone.detail()["message"] : ()); // @output Key 'children' not found in JSON mapping
    json local = {x: "7"};
    string|error s = local.x;
    io:println(s); // @output 7
}
