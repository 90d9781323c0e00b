public function main() {
    int[] xs = [1, 2, 3];
    int[] ys = xs.slice(2, 9); // @panic
}
