public function main() {
    foo:bar(); // @error
}
