// The required fields of an included record parameter are required named arguments when the record is
// not passed as a whole.
type Window record {
    int width;
    int height = 10;
};

function area(string label, *Window w) returns int {
    return w.width * w.height;
}

public function main() {
    _ = area("a", width = 3);
    _ = area("b", {width: 2});
    _ = area("c"); // @error missing required parameter 'width' in call to 'area()'
    _ = area("d", height = 4); // @error missing required parameter 'width' in call to 'area()'
}
