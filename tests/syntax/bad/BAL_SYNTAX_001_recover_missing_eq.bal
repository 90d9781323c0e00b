public function main() {
    int x 5;
}
