import ballerina/io;

type Foo record {
    int i;
};

type ReadOnlyFoo readonly & Foo;

// Updating a field of an immutable record panics; the error names the record's type as
// `(T & readonly)`.
public function main() {
    ReadOnlyFoo rf = {i: 100, "j": "hello"};
    Foo f = rf;
    io:println(f is ReadOnlyFoo); // @output true
    error? e = trap update(f);
    io:println(e is error ? e.message() : "updated"); // @output {ballerina/lang.map}InherentTypeViolation
    io:println(e is error ? e.detail()["message"] : ()); // @output cannot update 'readonly' field 'i' in record of type '(Foo & readonly)'
}

function update(Foo f) {
    f.i = 200;
}
