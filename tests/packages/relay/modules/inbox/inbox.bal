import ballerina/email;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 993;
configurable string username = ?;
configurable string password = ?;
configurable string certPath = "ca.crt";

listener email:ImapListener relayInbox = new ({
    host,
    port,
    username,
    password,
    pollingInterval: 1,
    security: email:SSL,
    secureSocket: {cert: certPath}
});

service on relayInbox {
    remote function onMessage(email:Message message) {
        log:printInfo("relayed from submodule", subject = message.subject);
    }

    remote function onError(email:Error err) {
        log:printError("relay inbox unreachable", 'error = err);
    }
}
