// Parameters are final: a closure cannot assign one it captures either.
function counter(int first) returns function () returns int {
    return function() returns int {
        first += 1; // @error cannot assign a value to function argument 'first'
        return first;
    };
}

public function main() {
    _ = counter(0);
}
