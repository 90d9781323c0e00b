// A function declared `returns never` must not complete normally: every path panics (or loops forever).
// jBallerina reports it at the function definition.
function abort(string reason) returns never { // @error function with return type 'never' or equivalent to type 'never' cannot implicitly return 'nil' by falling off the end of the function body
    if reason != "" {
        panic error(reason);
    }
}

class Guard {
    function stop(int code) returns never { // @error function with return type 'never' or equivalent to type 'never' cannot implicitly return 'nil' by falling off the end of the function body
        if code > 0 {
            panic error("code");
        }
    }
}

public function main() {
}
