// Arguments are positional first, then named: a positional argument after a named one is refused.
function notify(string subject, int count = 1, string... tags) {
    _ = subject;
    _ = count;
    _ = tags;
}

public function main() {
    notify("new mail", count = 2, "urgent"); // @error positional argument not allowed after named arguments
}
