import ballerina/io;

// A method may call the object's own `init` again through `self` (only calls from outside the class are
// refused): here `reset` re-runs the initializer.
class Counter {
    int count = 0;

    function init() {
        self.count = 0;
    }

    function bump() {
        self.count += 1;
    }

    function reset() {
        self.init();
    }
}

public function main() {
    Counter c = new;
    c.bump();
    c.bump();
    io:println(c.count); // @output 2
    c.reset();
    io:println(c.count); // @output 0
}
