// `new (...)` without a class name takes the class from the expected type: `var` gives none, nor does a
// type without an object member.
class Counter {
    int count;

    function init(int count) {
        self.count = count;
    }
}

public function main() {
    Counter ok = new (1);
    var c = new (2); // @error cannot infer type of the object from 'other'
    int n = new (3); // @error cannot infer type of the object from 'int'
    _ = ok;
    _ = c;
    _ = n;
}
