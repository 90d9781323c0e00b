// BALMAIL_105: a port is followed through local variables by the declaration each name refers to: a
// captured local of the enclosing function, not a variable of the same name in a sibling block, and not
// one assigned again.
import ballerina/email;

configurable string username = ?;
configurable string password = ?;

public function main(boolean backup) returns error? {
    if backup {
        int port = 70000;
        var connect = function() returns email:SmtpClient|error {
            email:SmtpClient backupClient = check new ("smtp.example.com", username, password, port = port);
            return backupClient;
        };
        _ = check connect();
    } else {
        int port = 587;
        email:SmtpClient smtp = check new ("smtp.example.com", username, password, port = port);
        check smtp->send("ops@example.com", "started", username, "The service started.");
    }
    int changed = 0;
    changed = 465;
    email:SmtpClient other = check new ("smtp.example.com", username, password, port = changed);
    check other->send("ops@example.com", "started", username, "The service started.");
}
