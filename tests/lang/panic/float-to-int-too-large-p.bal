public function main() {
    float f = 1.0e20;
    int n = <int>f; // @panic
}
