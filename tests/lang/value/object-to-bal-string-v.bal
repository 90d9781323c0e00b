// toBalString of an object without a toString method tells objects apart (jBallerina writes `object`,
// a distinct class's type id, then the object's identity hash); toString writes `object` and its class.
import ballerina/io;

class Point {
    int x = 0;
}

distinct class Token {
    string id = "t";
}

public function main() {
    Point a = new;
    Point b = new;
    Point c = a;
    io:println(a.toBalString() == b.toBalString()); // @output false
    io:println(a.toBalString() == c.toBalString()); // @output true
    io:println(a.toBalString().startsWith("object ")); // @output true
    Token t = new;
    io:println(t.toBalString().startsWith("object Token ")); // @output true
    io:println(a.toString(), " ", t); // @output object Point object Token
}
