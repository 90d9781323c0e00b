// `check` and `checkpanic` take a value that may be an error and may be something else.
function parse(string s) returns int|error => int:fromString(s);

function always() returns error => error("always");

function one() returns int => 1;

public function main() returns error? {
    int a = check parse("1");
    int b = check one(); // @error invalid usage of the 'check' expression operator: no expression type is equivalent to error type
    checkpanic always(); // @error invalid usage of the 'checkpanic' expression operator: all expression types are equivalent to error type
    _ = a;
    _ = b;
}
