// A variable assigned in a match clause has its declared type after the match, narrowing or not.
function size(any input) returns int {
    any v = input;
    if v is int {
        match v {
            0 => {
                v = "empty";
            }
        }
        return v; // @error incompatible types: expected 'int', found 'any'
    }
    return 0;
}

public function main() {
    _ = size(3);
}
