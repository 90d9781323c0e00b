// construct: email listener declaration (check new with a config record) and a named service with the three handlers
import ballerina/email;
import ballerina/io;

listener email:PopListener inbox = check new ({
    host: "localhost",
    username: "test@localhost",
    password: "test-password",
    pollingInterval: 2,
    port: 995
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) returns error? {
        io:println("subject: ", message.subject);
    }

    remote function onError(email:Error err) {
        io:println("error: ", err.message());
    }

    remote function onClose(email:Error? err) {
        io:println("closed, error=", err is email:Error);
    }
}

public function main() {
    io:println("listening on the inbox");
}
