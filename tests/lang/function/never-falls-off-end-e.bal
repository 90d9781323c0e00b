// A function declared `returns never` must not complete normally: every path panics (or loops forever).
function abort(string reason) returns never {
    if reason != "" {
        panic error(reason);
    }
} // @error function with return type 'never' or equivalent to type 'never' cannot implicitly return 'nil' by falling off the end of the function body

public function main() {
}
