import ballerina/io;

// A stream made by a query has the stream type its context expects, or else one whose member type is
// the select expression's (spec, "Query expressions"); `typeof` shows it.
public function main() {
    int[] xs = [1, 2, 3];
    stream<int> doubled = stream from int x in xs select x * 2;
    io:println(typeof doubled); // @output typedesc stream<int>
    var names = stream from int x in xs select x.toString();
    io:println(typeof names); // @output typedesc stream<string>
    record {| string value; |}? first = names.next();
    io:println(first); // @output {"value":"1"}
    stream<anydata> wide = stream from int x in xs select x;
    io:println(typeof wide); // @output typedesc stream<anydata>
}
