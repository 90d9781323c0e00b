// The second positional argument is the cause: an error, or nil.
public function main() {
    error e = error("delivery failed", "timeout"); // @error incompatible types: expected 'error?', found 'string'
    _ = e;
}
