// `any` does not include errors: an error value needs `any|error` (or `error`); panic takes an error only.
public function main() {
    any boxed = error("lost"); // @error incompatible types: expected 'any', found 'error'
    any|error kept = error("kept");
    _ = boxed;
    _ = kept;
    panic [1, 2]; // @error incompatible types: expected 'error', found '[int,int]'
}
