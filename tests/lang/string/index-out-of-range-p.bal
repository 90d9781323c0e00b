public function main() {
    string s = "abc";
    string c = s[3]; // @panic
}
