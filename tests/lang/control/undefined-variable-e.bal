public function main() {
    int x = y + 1; // @error
}
