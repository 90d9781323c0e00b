public function main() {
    string s = "ab";
    int cp = s.getCodePoint(5); // @panic
}
