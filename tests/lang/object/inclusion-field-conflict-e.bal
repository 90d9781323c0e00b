// Fields brought in by object type inclusions: two inclusions may not bring one field name unless the
// object declares it itself, and a field declared over an included one needs a subtype of its type.
type Counted object {
    int count;
};

type Sized object {
    int count;
    string unit;
};

type Labelled object {
    string label;
};

type Tally object {
    *Counted;
    *Sized; // @error redeclared symbol 'count'
};

class Inbox {
    *Counted;
    *Labelled;
    int label; // @error included field 'label' of type 'string' cannot be overridden by a field of type 'int': expected a subtype of 'string'

    function init() {
        self.count = 0;
        self.label = 1;
    }
}

class Outbox {
    *Counted;
    *Sized; // @error redeclared symbol 'count'

    function init() {
        self.count = 0;
        self.unit = "mails";
    }
}

public function main() {
}
