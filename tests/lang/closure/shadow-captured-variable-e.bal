// A closure sees the enclosing function's variables, and Ballerina has no shadowing of locals.
function greeter(string name) returns function () returns string {
    return function() returns string {
        string name = "anonymous"; // @error redeclared symbol 'name'
        return "hello " + name;
    };
}

public function main() {
    _ = greeter("ops");
}
