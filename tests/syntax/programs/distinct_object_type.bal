// construct: distinct object types, object type inclusion in classes, readonly class, type tests on distinct objects
import ballerina/io;

type Notifier distinct object {
    public function notify(string text) returns string;
};

class ConsoleNotifier {
    *Notifier;

    public function notify(string text) returns string {
        return "console: " + text;
    }
}

readonly class FixedReply {
    final string text;

    function init(string text) {
        self.text = text;
    }

    public function reply() returns string {
        return self.text;
    }
}

public function main() {
    Notifier n = new ConsoleNotifier();
    FixedReply r = new ("Out of office");
    object {} plain = object {};
    io:println(n.notify("new mail"), " ", r.reply(), " ", plain is Notifier);
}
