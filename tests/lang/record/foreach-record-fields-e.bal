type Contact record {|
    string name;
    int age;
|};

public function main() {
    Contact c = {name: "Ann", age: 30};
    foreach string value in c { // @error incompatible types: expected 'string', found '(string|int)'
        _ = value;
    }
}
