public function main() {
    float f = float:Infinity;
    int n = <int>f; // @panic
}
