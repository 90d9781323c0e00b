type Point record {|
    int x;
    int y;
|};

public function main() {
    Point & readonly p = {x: 1, y: 2};
    Point q = p;
    q.x = 5; // @panic InherentTypeViolation
}
