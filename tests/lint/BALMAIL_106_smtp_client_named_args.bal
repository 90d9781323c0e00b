// BALMAIL_106: clients are checked too; the SMTP client takes its configuration as named arguments
// (SSL, the default, on the submission port 587).
import ballerina/email;

configurable string username = ?;
configurable string password = ?;

public function main() returns error? {
    email:SmtpClient smtp = check new ("smtp.example.com", username, password, port = 587);
    check smtp->send("ops@example.com", "started", username, "The service started.");
}
