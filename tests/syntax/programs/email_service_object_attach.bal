// construct: email:Service object constructor attached to a listener created in main with a config variable
import ballerina/email;
import ballerina/io;

public function main() returns error? {
    email:ImapListenerConfiguration config = {
        host: "localhost",
        username: "watch@localhost",
        password: "watch-password",
        port: 143,
        security: email:START_TLS_ALWAYS
    };
    email:ImapListener watcher = check new (config);
    email:Service observer = service object {
        remote function onMessage(email:Message message) {
            io:println("new message: ", message.subject);
        }

        remote function onError(email:Error err) {
            io:println("error: ", err.message());
        }

        remote function onClose(email:Error? err) {
            io:println("closed");
        }
    };
    check watcher.attach(observer, "watcher");
    io:println("observer attached");
}
