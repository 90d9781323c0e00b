public function main() {
    int[] xs = [1, 2 3];
}
