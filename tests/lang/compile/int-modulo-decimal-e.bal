function remainder(int whole, decimal part) returns decimal {
    return whole % part; // @error operator '%' not defined for 'int' and 'decimal'
}

public function main() {
    _ = remainder(10, 4.5);
}
