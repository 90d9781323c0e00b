// A record that includes another may redeclare an included field only with a subtype of its type.
type Base record {
    int count;
    string label;
};

type Narrower record {
    *Base;
    byte count;
};

type Wrong record {
    *Base;
    boolean label; // @error included field 'label' of type 'string' cannot be overridden by a field of type 'boolean': expected a subtype of 'string'
};

public function main() {
    Narrower n = {count: 1, label: "a"};
    _ = n;
}
