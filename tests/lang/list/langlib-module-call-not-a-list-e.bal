import ballerina/lang.array;
import ballerina/lang.map;

// The list and mapping functions of the lang library take a list (a mapping) first, in module-call form
// too.
public function main() {
    int[] xs = [1];
    map<string> names = {a: "x"};
    array:push(xs, 2);
    array:push(3, 4); // @error incompatible types: expected '(any|error)[]', found 'int'
    _ = map:remove(names, "a");
    _ = map:remove("names", "a"); // @error incompatible types: expected 'map<(any|error)>', found 'string'
    _ = array:length(names); // @error incompatible types: expected '(any|error)[]', found 'map<string>'
}
