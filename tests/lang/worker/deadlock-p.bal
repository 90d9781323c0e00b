// Two workers each waiting for the other's message can never go on: balmail reports the deadlock (where
// Ballerina would hang) through the `wait` that depends on them.
public function main() {
    worker A returns int {
        int x = <- B;
        x -> B;
        return x;
    }
    worker B {
        int y = <- A;
        y -> A;
    }
    int r = wait A; // @panic deadlock
}
