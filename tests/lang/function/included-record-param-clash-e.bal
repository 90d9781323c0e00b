// The required fields of an included record parameter are named arguments of the function, so they may
// not take the name of another parameter or of a required field of an earlier included parameter.
type Envelope record {|
    string sender;
    string subject;
|};

type Delivery record {|
    string subject;
    int attempts?;
|};

function send(string sender, *Envelope envelope) { // @error redeclared symbol 'sender'
    _ = envelope;
}

function queue(*Envelope envelope, *Delivery delivery) { // @error redeclared symbol 'subject'
    _ = envelope;
    _ = delivery;
}

public function main() {
}
