// Every required field of the error type's detail record is given as a named argument.
type DeliveryDetail record {|
    string recipient;
    int code;
|};

type DeliveryError error<DeliveryDetail>;

function deliver() returns error? {
    return error DeliveryError("rejected", recipient = "ops@example.com"); // @error missing error detail arg for error detail field 'code'
}

public function main() {
    _ = deliver();
}
