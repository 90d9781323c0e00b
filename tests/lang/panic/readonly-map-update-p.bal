public function main() {
    map<int> m = {a: 1};
    map<int> & readonly ro = m.cloneReadOnly();
    map<int> alias = ro;
    alias["b"] = 2; // @panic
}
