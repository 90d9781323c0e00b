import ballerina/io;

// An object may declare a field that its inclusions bring, with the same type or a subtype, and then
// two inclusions may both bring it.
type Counted object {
    int count;
};

type Sized object {
    int count;
    string unit;
};

type Tagged object {
    string|int tag;
};

class Inbox {
    *Counted;
    *Sized;
    *Tagged;
    int count;
    string tag;

    function init() {
        self.count = 3;
        self.unit = "mails";
        self.tag = "in";
    }
}

public function main() {
    Inbox box = new;
    Counted c = box;
    io:println(c.count, " ", box.unit, " ", box.tag); // @output 3 mails in
}
