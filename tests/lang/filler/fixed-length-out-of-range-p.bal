public function main() {
    int[3] xs = [1, 2, 3];
    xs[3] = 4; // @panic IndexOutOfRange
}
