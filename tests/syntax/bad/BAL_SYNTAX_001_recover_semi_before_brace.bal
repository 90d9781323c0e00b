function f() {
    int x = 1
}
