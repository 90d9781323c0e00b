// A `while` body may run zero times, so an assignment inside it does not count after the loop.
function lastSeen(int[] ids) returns int {
    int last;
    int i = 0;
    while i < ids.length() {
        last = ids[i];
        i += 1;
    }
    return last; // @error variable 'last' may not have been initialized
}

public function main() {
    _ = lastSeen([1, 2]);
}
