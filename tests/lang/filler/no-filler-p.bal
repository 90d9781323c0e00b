type Point record {|
    int x;
    int y;
|};

public function main() {
    Point[] ps = [];
    // Point has required fields without defaults, so it has no filler value
    ps[1] = {x: 1, y: 2}; // @panic IllegalListInsertion
}
