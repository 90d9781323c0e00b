// BAL_TYPE_008: the error a client call can return is dropped (write `check`, or keep and handle it).
import ballerina/email;

configurable string host = ?;
configurable string username = ?;
configurable string password = ?;

// balmail:ignore BALMAIL_201 (this fixture is about the dropped result)
final email:SmtpClient smtp = check new (host, username, password);

public function main() {
    smtp->sendMessage({to: "ops@example.com", subject: "hello"});
}
