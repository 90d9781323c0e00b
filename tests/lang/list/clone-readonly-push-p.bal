public function main() {
    int[] xs = [1];
    int[] ro = xs.cloneReadOnly();
    ro.push(2); // @panic
}
