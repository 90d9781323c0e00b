public function main() {
    if true {
        worker A { // @error named worker declaration is allowed only at the top level
        }
    }
}
