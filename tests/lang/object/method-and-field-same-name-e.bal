// Fields and methods of an object share one namespace.
class Counter {
    int count = 0;

    function count() returns int { // @error redeclared symbol 'count'
        return 1;
    }
}

public function main() {
}
