// BAL_TYPE_011: a remote method of a client called with `.` instead of `->`.
import ballerina/email;

configurable string host = ?;
configurable string username = ?;
configurable string password = ?;

final email:SmtpClient smtp = check new (host, username, password);

public function main() returns error? {
    check smtp.sendMessage({to: "ops@example.com", subject: "hello"});
}
