// `<- {a, b}` (multiple receive) and `wait {a, b}` / `wait {x: a, y: b}` (multiple wait) give a record
// with one field per worker; a field written as a bare worker name takes that name (spec: "Multiple
// receive action", "Multiple wait action"). Alternate receive `<- c | d` gives the union of the
// receives' types.
import ballerina/io;

type Received record {|
    int a;
    string b;
|};

public function main() {
    worker a returns int {
        1 -> function;
        return 10;
    }
    worker b returns string {
        "first" -> function;
        return "done";
    }
    worker c {
        3 -> function;
    }
    worker d {
        "four" -> function;
    }
    Received got = <- {a, b};
    io:println(got); // @output {"a":1,"b":"first"}
    record {| int x; string y; |} results = wait {x: a, y: b};
    io:println(results); // @output {"x":10,"y":"done"}
    var both = wait {a, b};
    io:println(both.a + both.b.length()); // @output 14
    int|string first = <- c | d;
    int|string second = <- c | d;
    io:println(first != second); // @output true
}
