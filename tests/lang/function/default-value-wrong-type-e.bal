// A parameter's default value must belong to the parameter's type.
function fetch(int count = "ten") returns int { // @error incompatible types: expected 'int', found 'string'
    return count;
}

public function main() {
    _ = fetch();
}
