// No EMAIL_102: the plugin validates service declarations only, not `email:Service` object constructors.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

public function main() returns error? {
    email:PopListener inbox = check new ({host: "pop.example.com", username, password});
    email:Service observer = service object {
        remote function onClose(email:Error? err) {
            log:printInfo("closed");
        }
    };
    check inbox.attach(observer, "observer");
    check inbox.'start();
}
