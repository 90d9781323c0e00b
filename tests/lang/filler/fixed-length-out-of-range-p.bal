public function main() {
    int[3] xs = [1, 2, 3];
    int i = 3; // a constant index past the end is refused at compile time
    xs[i] = 4; // @panic IndexOutOfRange
}
