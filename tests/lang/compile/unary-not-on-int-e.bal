// `!` is logical negation: its operand must be a boolean.
function isEmpty(int unread) returns boolean {
    return !unread; // @error operator '!' not defined for 'int'
}

public function main() {
    boolean _ = isEmpty(0);
}
