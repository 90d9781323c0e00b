public function main() {
    Missing m = 5; // @error
}
