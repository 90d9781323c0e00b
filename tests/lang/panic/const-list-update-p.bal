const int[] PRIMES = [2, 3, 5];

public function main() {
    int[] ps = PRIMES;
    ps.push(7); // @panic
}
