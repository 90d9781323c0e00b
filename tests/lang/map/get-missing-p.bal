public function main() {
    map<int> m = {a: 1};
    int v = m.get("b"); // @panic
}
