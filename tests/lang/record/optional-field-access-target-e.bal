// `?.` reads a field that may be absent; it is not a place to store into, alone or inside a longer
// left-hand side.
type Header record {
    string name;
    string value?;
};

type Message record {
    Header? first;
    map<int> counts;
};

public function main() {
    Header h = {name: "To"};
    h?.value = "x"; // @error invalid expr in assignment lhs
    Message m = {first: h, counts: {}};
    m?.counts["a"] = 1; // @error invalid expr in assignment lhs
    m.counts["a"] = 2;
    m.counts["a"] += 1;
    h.value = "y";
}
