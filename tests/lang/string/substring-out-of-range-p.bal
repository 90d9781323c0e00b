public function main() {
    string s = "abc";
    string t = s.substring(1, 5); // @panic
}
