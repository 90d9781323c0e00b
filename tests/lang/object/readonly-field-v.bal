import ballerina/io;

// `readonly` on an object field (spec, "Object types": `object-field-descriptor :=
// metadata [public|private] [readonly] type-descriptor field-name ;`): the field's value is immutable.
class Account {
    readonly int id;
    public readonly string owner = "nobody";
    readonly int[] codes;

    function init(int id, int[] & readonly codes) {
        self.id = id;
        self.codes = codes;
    }
}

type Identified object {
    readonly int id;
};

public function main() {
    int[] & readonly codes = [1, 2];
    Account a = new (7, codes);
    io:println(a.id, " ", a.owner); // @output 7 nobody
    io:println(a.codes.isReadOnly()); // @output true
    Identified i = a;
    io:println(i.id); // @output 7
    var o = object {
        readonly string name = "anon";
    };
    io:println(o.name); // @output anon
}
