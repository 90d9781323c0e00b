public function main() {
    continue; // @error
}
