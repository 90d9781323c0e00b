// construct: closed record type descriptors ({| |}), nested records, record type inclusion (*T), spread into a record
import ballerina/io;

type Address record {|
    string user;
    string domain;
|};

type Envelope record {|
    Address sender;
    Address[] recipients;
    string subject;
|};

type Timestamped record {|
    int receivedAt;
|};

type StoredEnvelope record {|
    *Envelope;
    *Timestamped;
    string folder;
|};

function format(Address a) returns string => a.user + "@" + a.domain;

public function main() {
    Envelope env = {
        sender: {user: "alice", domain: "example.com"},
        recipients: [{user: "bob", domain: "example.org"}],
        subject: "Quarterly report"
    };
    StoredEnvelope stored = {...env, receivedAt: 1700000000, folder: "INBOX"};
    io:println(format(env.sender), " -> ", format(env.recipients[0]), ": ", stored.subject, " in ", stored.folder);
}
