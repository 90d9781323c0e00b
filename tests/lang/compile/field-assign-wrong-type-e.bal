// A value stored into a record field must have the field's type.
type Reply record {|
    string subject;
    int? priority = ();
|};

public function main() {
    Reply r = {subject: "Re: order"};
    r.subject = 42; // @error incompatible types: expected 'string', found 'int'
}
