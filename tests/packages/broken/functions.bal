function total(int n) returns int {
    return n * unitPrice;
}
