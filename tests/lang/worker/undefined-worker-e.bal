public function main() {
    worker A {
        10 -> C; // @error undefined worker 'C'
    }
    int x = <- A;
}
