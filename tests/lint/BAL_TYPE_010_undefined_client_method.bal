// BAL_TYPE_010: a method the email client does not have.
import ballerina/email;

configurable string host = ?;
configurable string username = ?;
configurable string password = ?;

final email:SmtpClient smtp = check new (host, username, password);

public function main() returns error? {
    check smtp->sendMail({to: "ops@example.com", subject: "hello"});
}
