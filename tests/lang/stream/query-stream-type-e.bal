// The select expression of a query that makes a `stream<T>` must be a `T` (spec, "Query expressions":
// the contextually expected type of the select expression is the stream's member type), and the stream
// is a `stream<U>`, not a value of any other type.
public function main() {
    int[] xs = [1, 2, 3];
    stream<string> s = stream from int x in xs select x; // @error incompatible types: expected 'string', found 'int'
    var t = stream from int x in xs select x;
    string u = t; // @error incompatible types: expected 'string', found 'stream<int>'
}
