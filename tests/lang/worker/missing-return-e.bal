public function main() {
    worker A returns int {
        int x = 1;
    } // @error this function must return a result
    int r = wait A;
}
