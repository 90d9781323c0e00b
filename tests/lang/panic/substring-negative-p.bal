public function main() {
    string s = "hello";
    int from0 = -1;
    string t = s.substring(from0); // @panic
}
