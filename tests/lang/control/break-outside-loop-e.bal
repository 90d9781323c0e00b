public function main() {
    break; // @error
}
