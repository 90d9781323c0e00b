// A function value is assignable to a function type only when its result fits that type's result.
type Classifier function (string subject) returns int;

function label(string subject) returns string {
    return subject;
}

public function main() {
    Classifier c = label; // @error incompatible types
    _ = c;
}
