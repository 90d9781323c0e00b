import ballerina/email;

// An isolated service's methods may run concurrently, so a mutable field is only reachable under `lock`.
configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

isolated service "counter" on inbox {
    private int seen = 0;

    remote function onMessage(email:Message message) {
        self.seen += 1; // @error invalid access of a mutable field of an 'isolated' object outside a 'lock' statement
    }
}
