function missing(string subject) returns boolean {
    return subject == (); // @error operator '==' not defined for 'string' and '()'
}

public function main() {
    _ = missing("x");
}
