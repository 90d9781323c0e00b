function over(int size, float max) returns boolean {
    return size > max; // @error operator '>' not defined for 'int' and 'float'
}

public function main() {
    _ = over(1, 2.0);
}
