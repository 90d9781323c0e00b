// construct: resource methods — accessors, root path (.), path parameters [T name], rest path [T... name], 'default
import ballerina/io;

class ApiListener {
    public function attach(service object {} s, string[]|string? name = ()) returns error? {}
    public function detach(service object {} s) returns error? {}
    public function 'start() returns error? {}
    public function gracefulStop() returns error? {}
    public function immediateStop() returns error? {}
}

listener ApiListener api = new;

service /mailboxes on api {
    map<string[]> boxes = {INBOX: ["hello", "invoice"], Archive: []};

    resource function get .() returns string[] {
        return self.boxes.keys();
    }

    resource function get [string name]/messages() returns string[]|error {
        string[]? messages = self.boxes[name];
        if messages is () {
            return error("no mailbox " + name);
        }
        return messages;
    }

    resource function get [string name]/messages/[int index]() returns string|error {
        string[]? messages = self.boxes[name];
        if messages is () || index >= messages.length() {
            return error(string `no message ${index} in ${name}`);
        }
        return messages[index];
    }

    resource function post [string name]/messages(string body) returns int {
        string[] messages = self.boxes[name] ?: [];
        messages.push(body);
        self.boxes[name] = messages;
        return messages.length();
    }

    resource function delete [string name]() returns boolean {
        return self.boxes.removeIfHasKey(name) !is ();
    }

    resource function get search/[string... terms]() returns string {
        return string:'join(" ", ...terms);
    }

    resource function 'default [string... path]() returns string {
        return "unknown path: " + string:'join("/", ...path);
    }
}

public function main() {
    io:println("resource service declared");
}
