import ballerina/email;

// A mutable field of an isolated object must be private: nothing outside may touch it without the lock.
configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

isolated service "counter" on inbox {
    public int seen = 0; // @error invalid non-private mutable field in an 'isolated' object

    remote function onMessage(email:Message message) {
        lock {
            self.seen += 1;
        }
    }
}
