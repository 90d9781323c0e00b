// construct: service attached to an inline `new email:ImapListener({...})` expression, readonly message parameter
import ballerina/email;
import ballerina/io;

service "archive" on new email:ImapListener({
    host: "localhost",
    username: "archive@localhost",
    password: "archive-password",
    pollingInterval: 5,
    port: 993,
    security: email:SSL
}) {
    remote function onMessage(readonly & email:Message message) {
        string sender = message?.'from ?: "unknown";
        io:println("archived message from ", sender);
    }

    remote function onError(email:Error err) {
        io:println("archive polling failed: ", err.message());
    }
}

public function main() {
    io:println("archive service declared");
}
