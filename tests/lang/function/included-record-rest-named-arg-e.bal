type Labels record {|
    string...;
|};

function tag(*Labels labels) returns int => labels.length();

public function main() {
    _ = tag(env = "prod", tier = 2); // @error incompatible types: expected 'string', found 'int'
}
