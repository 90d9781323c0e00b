// BAL_TYPE_112: `main` must return a subtype of `error?` that contains `()`.
import ballerina/email;

configurable string username = ?;
configurable string password = ?;

public function main() returns error {
    email:SmtpClient smtp = check new ("smtp.example.com", username, password);
    check smtp->sendMessage({to: "ops@example.com", subject: "report", body: "done"});
    return error("not reached");
}
