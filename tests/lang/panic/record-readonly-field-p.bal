type Tagged record {|
    readonly string id;
    int count;
|};

public function main() {
    Tagged & readonly t = {id: "a", count: 1};
    Tagged loose = t;
    loose.count = 2; // @panic
}
