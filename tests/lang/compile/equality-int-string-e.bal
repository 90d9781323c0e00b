function same(int id, string code) returns boolean {
    return id == code; // @error operator '==' not defined for 'int' and 'string'
}

public function main() {
    _ = same(1, "1");
}
