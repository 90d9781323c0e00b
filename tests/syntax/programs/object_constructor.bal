// construct: object constructor expressions — typed by an object type, untyped with var, fields and methods
import ballerina/io;

const KEYWORD = "invoice";

type Filter object {
    public function accepts(string subject) returns boolean;
};

public function main() {
    Filter byKeyword = object {
        public function accepts(string subject) returns boolean {
            return subject.toLowerAscii().includes(KEYWORD);
        }
    };
    var counter = object {
        int hits = 0;

        public function hit() returns int {
            self.hits += 1;
            return self.hits;
        }
    };
    int first = counter.hit();
    int second = counter.hit();
    io:println(byKeyword.accepts("Invoice #42"), " ", byKeyword.accepts("Lunch"), " ", first, " ", second);
}
