// A constant index outside a fixed-length array or a tuple is refused at compile time, read or stored.
public function main() {
    int[3] slots = [1, 2, 3];
    int last = slots[3]; // @error list index out of range: index: '3'
    slots[5] = 0; // @error list index out of range: index: '5'
    [int, string] pair = [1, "a"];
    _ = pair[2]; // @error list index out of range: index: '2'
    int[] open = [1];
    open[7] = 2; // an array without a fixed length grows: no error
    _ = last;
}
