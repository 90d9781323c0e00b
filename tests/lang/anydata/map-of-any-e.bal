function keep(anydata value) returns anydata => value;

public function main() {
    map<any> headers = {"count": 1};
    _ = keep(headers); // @error incompatible types: expected 'anydata', found 'map<any>'
}
