// `self.name` must name a field or method of the class.
class Counter {
    int count = 0;

    function bump() {
        self.total += 1; // @error undefined field 'total' in object 'Counter'
    }
}

public function main() {
    Counter c = new;
    c.bump();
}
