// toString/toBalString of values that are not anydata (spec: lang.value `toString`, `toBalString`, the
// ToString abstract operation; the strings are jBallerina's): an object with a `toString()` method prints
// what it returns (`toBalString` puts `object ` before it); another object prints `object` and its class;
// a function value `function` and its type; a typedesc `typedesc` and its type; a stream `stream <T>`
// with its type; a future whether it is done and its result.
import ballerina/io;

class Temperature {
    int degrees = 21;

    function toString() returns string {
        return self.degrees.toString() + "C";
    }
}

class Counter {
    int n = 0;
}

int calls = 0; // the functions below use it, so none is isolated (which would show in their type)

function add(int a, int b) returns int {
    calls += 1;
    return a + b;
}

function answer() returns int {
    return 42;
}

public function main() {
    Temperature t = new;
    io:println(t); // @output 21C
    io:println(t.toBalString()); // @output object 21C
    io:println("now: ", t); // @output now: 21C
    Counter c = new;
    io:println(c); // @output object Counter
    io:println(c.toString()); // @output object Counter

    function (int, int) returns int f = add;
    io:println(f); // @output function function (int,int) returns (int)
    function () g = function() {
        calls += 1;
    };
    io:println(g.toString()); // @output function function () returns (())

    typedesc<anydata> td = int;
    io:println(td); // @output typedesc int

    int[] numbers = [1, 2];
    stream<int> s = numbers.toStream();
    io:println(s); // @output stream <stream<int>>
    string[] words = ["a"];
    io:println(words.toStream().toBalString()); // @output stream <stream<string>>

    future<int> fut = start answer();
    int result = checkpanic wait fut;
    io:println(result, " ", fut); // @output 42 future {isDone:true,result:42}
}
