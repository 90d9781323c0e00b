import ballerina/io;

// Mutable state of an isolated class and an isolated variable, each reached under `lock`; a `final` field
// of a simple type needs no lock.
isolated int total = 0;

isolated class Tally {
    private int count = 0;
    final string name;

    function init(string name) {
        self.name = name;
    }

    function add(int n) {
        lock {
            self.count += n;
        }
        lock {
            total += n;
        }
    }

    function current() returns int {
        lock {
            return self.count;
        }
    }
}

public function main() {
    Tally t = new ("inbox");
    t.add(2);
    t.add(3);
    io:println(t.name, " ", t.current()); // @output inbox 5
    lock {
        io:println(total); // @output 5
    }
}
