public function main() {
    map<string> m = {};
    string v = m.remove("x"); // @panic
}
