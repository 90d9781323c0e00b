// A call through a variable of a function type is checked against that type's parameters.
type Notifier function (string recipient);

function notify(string recipient) {
}

public function main() {
    Notifier n = notify;
    n("ops@example.com", "extra"); // @error too many arguments in call to 'n()'
    n(42); // @error incompatible types: expected 'string', found 'int'
}
