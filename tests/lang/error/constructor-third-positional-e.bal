// After the message and the cause, detail values are given as named arguments only.
public function main() {
    error e = error("failed", error("cause"), "more"); // @error additional positional arg in error constructor
    _ = e;
}
