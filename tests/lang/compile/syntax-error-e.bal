public function main() {
    int x = ; // @error
}
