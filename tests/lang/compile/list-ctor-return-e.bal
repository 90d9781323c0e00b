// Two values returned as one list constructor where the function returns a string.
function pair() returns string {
    return ["a", "b"]; // @error incompatible types: expected 'string', found '[string,string]'
}

public function main() {
    _ = pair();
}
