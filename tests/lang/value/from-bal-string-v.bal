// lang.value fromBalString reads back what toBalString writes for anydata values: simple values,
// lists, mappings (quoted keys), tables with their key, xml, regular expressions and cyclic values;
// any other text is a FromBalStringError (the messages are jBallerina's).
import ballerina/io;

type Row record {|
    readonly int id;
    string name;
|};

public function main() returns error? {
    io:println(check "12".fromBalString(), " ", check "-3.5".fromBalString()); // @output 12 -3.5
    anydata d = check "345.2425341d".fromBalString();
    io:println(d is decimal, " ", d); // @output true 345.2425341
    anydata nan = check "float:NaN".fromBalString();
    io:println(nan is float && nan.isNaN()); // @output true
    io:println((check "()".fromBalString()) is (), " ", (check "null".fromBalString()) is ()); // @output true true
    io:println(check "\"a\\tb\"".fromBalString() == "a\tb"); // @output true

    int[] ints = [1, 2, 3];
    io:println(ints == check "[1, 2, 3]".fromBalString()); // @output true
    map<anydata> m = {name: "ABC", marks: [1.5d, float:Infinity], none: ()};
    io:println(m == check m.toBalString().fromBalString()); // @output true
    io:println(check "  {\"k\" :  [true , ()]}  ".fromBalString()); // @output {"k":[true,null]}

    table<Row> key(id) rows = table [{id: 1, name: "Mary"}, {id: 2, name: "John"}];
    anydata t = check rows.toBalString().fromBalString();
    io:println(t == rows, " ", t is table<map<anydata>>); // @output true true

    map<anydata> cyclic = {"n": 1};
    cyclic["me"] = cyclic;
    anydata back = check cyclic.toBalString().fromBalString();
    io:println(back.toBalString()); // @output {"n":1,"me":...[0]}

    anydata r = check "re `a+\\d`".fromBalString();
    io:println(r is string:RegExp, " ", r); // @output true a+\d
    anydata x = check "xml`<a>b</a>`".fromBalString();
    io:println(x is xml, " ", x); // @output true <a>b</a>

    anydata|error bad = "Mike".fromBalString();
    if bad is error {
        io:println(bad.message()); // @output {ballerina/lang.value}FromBalStringError
        io:println(bad.detail()["message"]); // @output invalid expression style string value
    }
    anydata|error unquoted = "{name:\"John\"}".fromBalString();
    if unquoted is error {
        io:println(unquoted.detail()["message"]); // @output invalid expression style string value: the map keys are not enclosed with '"'.
    }
}
