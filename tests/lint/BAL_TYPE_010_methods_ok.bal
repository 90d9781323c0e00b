// BAL_TYPE_010: methods that exist, on strings, lists, maps, records, errors, classes and clients.
import ballerina/email;
import ballerina/log;

configurable string host = ?;
configurable string username = ?;
configurable string password = ?;

// balmail:ignore BALMAIL_201 (this fixture is about methods; it does need --allow-net)
final email:SmtpClient smtp = check new (host, username, password);

type Ticket record {|
    string id;
    string subject;
|};

class Tally {
    private int count = 0;

    function add(int n) returns int {
        self.count += n;
        return self.count;
    }
}

public function main() returns error? {
    string subject = "  Re: Invoice 42  ".trim();
    int[] sizes = [subject.length(), subject.indexOf("42") ?: -1];
    sizes.push(subject.toUpperAscii().length());
    map<string> headers = {"x-id": "42"};
    boolean known = headers.hasKey("x-id");
    Ticket ticket = {id: "42", subject};
    Ticket copy = ticket.clone();
    error failure = error("not sent");
    Tally tally = new;
    int total = tally.add(sizes.length());
    log:printInfo(subject.toString(), known = known, id = copy.id, total = total, reason = failure.message());
    check smtp->sendMessage({to: "ops@example.com", subject: subject, body: copy.toJsonString()});
    check smtp->send("ops@example.com", subject, "bot@example.com", "done", cc = "audit@example.com");
}
