function square(int x) returns int {
    return x * x;
}
