// construct: class definition — public/private/final fields, init method, methods using self, object type inclusion
import ballerina/io;

type Describable object {
    public function describe() returns string;
};

class Mailbox {
    *Describable;
    public final string name;
    private string[] messages = [];
    private int capacity;

    function init(string name, int capacity = 10) {
        self.name = name;
        self.capacity = capacity;
    }

    public function deliver(string message) returns boolean {
        if self.messages.length() >= self.capacity {
            return false;
        }
        self.messages.push(message);
        return true;
    }

    public function size() returns int {
        return self.messages.length();
    }

    public function describe() returns string {
        return string `${self.name} (${self.size()}/${self.capacity})`;
    }
}

public function main() {
    Mailbox box = new ("INBOX", 2);
    boolean first = box.deliver("hello");
    boolean second = box.deliver("again");
    boolean third = box.deliver("overflow");
    io:println(first, " ", second, " ", third, " ", box.describe(), " ", box.name);
}
