public function main() {
    doesNotExist(); // @error
}
