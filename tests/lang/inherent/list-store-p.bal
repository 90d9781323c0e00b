public function main() {
    int[] ints = [1, 2];
    any[] view = ints;
    // the list's inherent type is int[]: storing a string through a wider view panics
    view[0] = "x"; // @panic InherentTypeViolation
}
