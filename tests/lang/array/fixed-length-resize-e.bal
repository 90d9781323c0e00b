// The length of a fixed-length array is part of its type, so the lang.array functions that change a
// list's length cannot be called on it, nor on a tuple without a rest type (spec: lang.array
// push/pop/shift/unshift; jBallerina reports
// "cannot call 'push' on fixed length list(s) of type 'int[3]'").
const SIZE = 2;

public function main() {
    int[3] triple = [1, 2, 3];
    triple.push(4); // @error cannot call 'push' on fixed length list(s) of type 'int[3]'
    int last = triple.pop(); // @error cannot call 'pop' on fixed length list(s) of type 'int[3]'
    string[*] names = ["a", "b"];
    names.unshift("z"); // @error cannot call 'unshift' on fixed length list(s) of type 'string[2]'
    float[SIZE] pair = [1.5, 2.5];
    float first = pair.shift(); // @error cannot call 'shift' on fixed length list(s) of type 'float[2]'
    [int, string] pair2 = [1, "a"];
    pair2.push(2); // @error cannot call 'push' on fixed length list(s) of type '[int,string]'
    [int, string...] tail = [1];
    tail.push("b"); // a tuple with a rest type grows
    int[] open = [1];
    open.push(last); // an open array grows
}
