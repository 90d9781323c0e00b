// Ops commands by e-mail: operators mail a JSON command such as
//   {"command": "restart", "target": "web-02", "reason": "memory leak"}
// to a POP3 mailbox that is reached over STARTTLS (port 110, START_TLS_ALWAYS).
// Commands from unknown operators or with an unknown verb are rejected; every
// decision is kept in an audit trail object and logged.
import ballerina/email;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 110;
configurable string username = "ops@localhost";
configurable string password = ?;
configurable string caCertPath = "certs/ca.crt";
// false only for a server whose certificate does not name `host` (a lab machine).
configurable boolean verifyHostName = true;
configurable string[] operators = ["ann@localhost", "bob@localhost"];
configurable int maxScale = 20;

type Command record {|
    string command;
    string target;
    string reason = "";
    int replicas?;
|};

type Decision record {|
    string operator;
    string summary;
    boolean accepted;
|};

type RejectedCommand distinct error;

class AuditTrail {
    private Decision[] decisions = [];

    function add(Decision decision) returns int {
        self.decisions.push(decision);
        return self.decisions.length();
    }

    function rejectedCount() returns int {
        return self.decisions.filter(d => !d.accepted).length();
    }
}

final AuditTrail audit = new;

listener email:PopListener commandInbox = check new ({
    host: host,
    username: username,
    password: password,
    port: port,
    pollingInterval: 10,
    security: email:START_TLS_ALWAYS,
    secureSocket: {
        cert: caCertPath,
        protocol: {name: email:TLS, versions: ["TLSv1.2", "TLSv1.3"]},
        verifyHostName: verifyHostName
    }
});

service "ops-commands" on commandInbox {
    remote function onMessage(email:Message message) {
        string operator = message?.'from ?: "";
        do {
            if operators.indexOf(operator) is () {
                fail error RejectedCommand("sender is not an operator: " + operator);
            }
            string body = (message?.body ?: "").trim();
            Command cmd = check body.fromJsonStringWithType();
            string summary = check execute(cmd);
            int entry = audit.add({operator, summary, accepted: true});
            log:printInfo("command executed", operator = operator, summary = summary, auditEntry = entry);
        } on fail error e {
            int entry = audit.add({operator, summary: e.message(), accepted: false});
            log:printWarn("command rejected", operator = operator, reason = e.message(), auditEntry = entry,
                    rejectedSoFar = audit.rejectedCount());
        }
    }

    remote function onError(email:Error err) {
        log:printError("command mailbox polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("ops command intake stopped", rejected = audit.rejectedCount());
    }
}

function execute(Command cmd) returns string|error {
    match cmd.command {
        "restart" => {
            return string `restarting ${cmd.target}` + (cmd.reason == "" ? "" : string ` (${cmd.reason})`);
        }
        "scale" => {
            int replicas = cmd?.replicas ?: 1;
            if replicas < 1 || replicas > maxScale {
                return error RejectedCommand(string `replicas must be between 1 and ${maxScale}`);
            }
            return string `scaling ${cmd.target} to ${replicas} replicas`;
        }
        "drain"|"cordon" => {
            return string `${cmd.command} ${cmd.target}`;
        }
    }
    return error RejectedCommand("unknown command: " + cmd.command);
}
