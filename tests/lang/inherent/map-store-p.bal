public function main() {
    map<int> counts = {};
    map<any> view = counts;
    view["a"] = "one"; // @panic InherentTypeViolation
}
