public function main() {
    int[] & readonly xs = [1, 2];
    int[] ys = xs;
    ys[0] = 5; // @panic
}
