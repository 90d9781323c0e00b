// An error value has no fields: its message is read with the message() method, its detail with detail().
public function main() {
    error e = error("mailbox unavailable");
    string text = e.message; // @error invalid operation: type 'error' does not support field access
    _ = text;
}
