type Frozen record {|
    readonly string id;
    int n;
|};

public function main() {
    Frozen f = {id: "a", n: 1};
    Frozen & readonly ro = f.cloneReadOnly();
    Frozen alias = ro;
    alias.n = 2; // @panic
}
