function double(int x) returns int {
    return x * 2;
}
