// EMAIL_102: a service on a POP3 listener without the required onMessage handler.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({host: "pop.example.com", username, password});

service "inbox" on inbox {
    remote function onError(email:Error err) {
        log:printError("polling failed", 'error = err);
    }
}
