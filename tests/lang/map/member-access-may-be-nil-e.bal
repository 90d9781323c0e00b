// `m[k]` is () when the map has no member `k`: its type is `int?`, not `int`.
public function main() {
    map<int> counts = {inbox: 3};
    int n = counts["inbox"]; // @error incompatible types: expected 'int', found 'int?'
    _ = n;
}
