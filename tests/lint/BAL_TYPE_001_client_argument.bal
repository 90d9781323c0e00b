// BAL_TYPE_001 and BAL_TYPE_003: arguments of an email client's remote methods.
import ballerina/email;

configurable string host = ?;
configurable string username = ?;
configurable string password = ?;

final email:SmtpClient smtp = check new (host, username, password);

public function main() returns error? {
    check smtp->sendMessage({to: "ops@example.com", subject: 42});
    check smtp->send("ops@example.com", "hello", "bot@example.com");
}
