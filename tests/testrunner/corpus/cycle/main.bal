function one() returns int {
    return 1;
}
