function shout(string s) returns string {
    return s.toUpperAscii();
}

public function main() {
    string r = shout(5); // @error incompatible types: expected 'string', found 'int'
}
