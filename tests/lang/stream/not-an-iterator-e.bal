// The object given to `new stream<T>(obj)` must have a `next()` method (spec: lang.stream).
class Box {
    int n = 1;
}

public function main() {
    Box b = new;
    stream<int> s = new (b); // @error
}
