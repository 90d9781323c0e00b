// `return;` returns `()`, which is not a boolean.
function isSpam(string subject) returns boolean {
    if subject == "" {
        return; // @error incompatible types: expected 'boolean', found '()'
    }
    return subject.startsWith("[SPAM]");
}

public function main() {
    _ = isSpam("hi");
}
