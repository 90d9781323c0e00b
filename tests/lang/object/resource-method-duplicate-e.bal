// Two resource methods of one class with the same accessor and path are one method to Ballerina, whatever
// their path parameters are called or typed.
client class Mailbox {
    resource function get folders/[string name]() returns string {
        return name;
    }

    resource function get folders/[int id]() returns string { // @error redeclared symbol 'Mailbox.$get$folders$*'
        return id.toString();
    }

    resource function post folders/[string name]() returns string {
        return name;
    }

    resource function get messages/[string... path]() returns int {
        return path.length();
    }

    resource function get messages/[string... rest]() returns int { // @error redeclared symbol 'Mailbox.$get$messages$**'
        return rest.length();
    }
}

public function main() {
}
