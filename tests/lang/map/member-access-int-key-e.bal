// A map is indexed by string keys only.
public function main() {
    map<string> names = {"1": "one"};
    int key = 1;
    string? name = names[key]; // @error incompatible types: expected 'string', found 'int'
    _ = name;
}
