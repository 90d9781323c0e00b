type P record {|
    int x;
|};

public function main() {
    P p = {x: 1};
    int y = p.y; // @error
}
