public function main() {
    int x = 1;
    return
}
