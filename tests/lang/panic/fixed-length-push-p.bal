public function main() {
    int[2] pair = [1, 2];
    int[] alias = pair;
    alias.push(3); // @panic
}
