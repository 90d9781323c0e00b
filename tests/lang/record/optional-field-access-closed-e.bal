type Point record {|
    int x;
    int y;
|};

public function main() {
    Point? p = {x: 1, y: 2};
    _ = p?.z; // @error undefined field 'z' in record 'Point'
}
