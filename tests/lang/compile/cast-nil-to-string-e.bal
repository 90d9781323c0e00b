// `()` belongs to no type without nil: the cast can never succeed.
function noSubject() {
}

public function main() {
    string subject = <string>noSubject(); // @error incompatible types: '()' cannot be cast to 'string'
    _ = subject;
}
