public function main() {
    int[] xs = [];
    int x = xs.pop(); // @panic
}
