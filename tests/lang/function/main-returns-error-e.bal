// `main` tells the runtime whether the program failed: it may return an error or nothing, so its return
// type must be a subtype of `error?` that contains `()`.
public function main() returns error { // @error invalid 'main' function return type 'error', expected a subtype of 'error?' containing '()'
    return error("always fails");
}
