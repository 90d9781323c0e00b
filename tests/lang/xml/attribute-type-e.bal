public function main() {
    xml x = xml `<a b="1"/>`;
    string b = x.b; // @error incompatible types
}
