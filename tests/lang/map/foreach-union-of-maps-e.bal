// Iterating a union of maps visits members of either map's type.
public function main() {
    map<int>|map<string> settings = {retries: 3};
    foreach int value in settings { // @error incompatible types: expected 'int', found '(int|string)'
        _ = value;
    }
}
