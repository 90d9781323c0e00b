type Detail record {|
    int code;
|};

type CodedError error<Detail>;

function reject() returns error {
    return error CodedError(code = 4); // @error missing error message in error constructor
}

public function main() {
    _ = reject();
}
