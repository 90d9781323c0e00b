public function main() {
    anydata v = "42";
    int n = <int>v; // @panic incompatible types
}
