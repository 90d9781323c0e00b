// A list constructor needs a list type among the expected type's members; with none, jBallerina
// reports the tuple type it infers for the constructor.
public function main() {
    int x = [1, "a"]; // @error incompatible types: expected 'int', found '[int,string]'
    _ = x;
}
