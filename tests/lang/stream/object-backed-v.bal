// Streams constructed from an object (spec: lang.stream, `new stream<T, C>(obj)`): the object's `next()`
// hands out `record {| T value; |}`, `()` ends the stream, `close()` of the stream calls the object's.
import ballerina/io;

class Countdown {
    int n;
    function init(int n) {
        self.n = n;
    }
    public isolated function next() returns record {| int value; |}? {
        if self.n == 0 {
            return ();
        }
        self.n -= 1;
        return {value: self.n + 1};
    }
    public isolated function close() returns error? {
        io:println("close with ", self.n, " left");
    }
}

type IntEntry record {| int value; |};

public function main() returns error? {
    stream<int> a = new (new Countdown(3));
    foreach int x in a {
        io:println(x); // @output 3
        // @output 2
        // @output 1
    }
    io:println(a.next() is ()); // @output true

    Countdown source = new (4);
    stream<int> b = new stream<int>(source);
    record {| int value; |}? first = b.next();
    io:println(first); // @output {"value":4}
    var second = b.next();
    if second is IntEntry {
        io:println(second.value); // @output 3
    }
    check b.close(); // @output close with 2 left
    check b.close();
    io:println(b.next() is ()); // @output true

    stream<int> c = new (new Countdown(6));
    int sum = c.filter(x => x % 2 == 0).map(x => x * 10).reduce(function(int acc, int x) returns int => acc + x, 0);
    io:println(sum); // @output 120

    stream<int> d = new (new Countdown(2));
    check d.forEach(function(int x) {
        io:println("each ", x); // @output each 2
        // @output each 1
    });

    stream<int> e = new (new Countdown(5));
    int[] squares = from int x in e where x > 2 order by x select x * x;
    io:println(squares); // @output [9,16,25]

    var letters = object {
        int i = 0;
        public isolated function next() returns record {| string value; |}? {
            self.i += 1;
            return self.i <= 3 ? {value: "abc".substring(self.i - 1, self.i)} : ();
        }
    };
    stream<string> f = new (letters);
    io:println(from string s in f select s.toUpperAscii()); // @output ["A","B","C"]
}
