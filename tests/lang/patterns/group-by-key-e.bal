public function main() {
    int[] xs = [1, 2];
    int[] ys = from var x in xs
        group by y // @error undefined symbol 'y'
        select sum(x);
}
