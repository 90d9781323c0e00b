// A map, array or record value can be used where another map or array type is wanted only when every
// member it may hold belongs to the wanted member type (spec: "Mapping types", "List types" — `map<T>`
// and `T[]` are subtypes of `map<U>` and `U[]` only if T is a subtype of U).
import ballerina/io;

type Entry record {|
    string name;
    int count;
|};

public function main() {
    map<string> names = {a: "x"};
    map<string|int> wider = names;
    map<anydata> anything = names;
    map<int> counts = names; // @error incompatible types: expected 'map<int>', found 'map<string>'
    string[] words = ["a"];
    json[] values = words;
    int[] numbers = words; // @error incompatible types: expected 'int[]', found 'string[]'
    Entry e = {name: "n", count: 1};
    map<string|int> fields = e;
    map<string> onlyStrings = e; // @error incompatible types
    io:println(wider, anything, counts, values, numbers, fields, onlyStrings);
}
