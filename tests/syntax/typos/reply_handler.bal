import ballerina/email;
import ballerina/log;

configurable string smtpHost = "smtp.example.com";
configurable string user = ?;
configurable string pass = ?;

final email:SmtpClient smtp = check new (smtpHost, user, pass);

listener email:PopListener mail = check new ({
    host: "pop.example.com",
    username: user,
    password: pass
});

enum Priority {
    HIGH,
    LOW
}

function priorityOf(email:Message m) returns Priority {
    string subject = m.subject.toLowerAscii();
    match subject {
        "urgent" => {
            return HIGH;
        }
        _ => {
            return LOW;
        }
    }
}

service on mail {
    remote function onMessage(email:Message m) returns error? {
        Priority p = priorityOf(m);
        string[] recipients = m.to is string[] ? <string[]>m.to : [];
        if p == HIGH && recipients.length() > 0 {
            email:Message reply = {
                to: m.'from ?: "",
                subject: "Re: " + m.subject,
                body: "We got it."
            };
            check smtp->sendMessage(reply);
        } else {
            log:printInfo("low priority", subject = m.subject);
        }
        int[] counts = [1, 2, 3];
        int total = counts.reduce(function(int acc, int n) returns int => acc + n, 0);
        log:printDebug("total", total = total);
    }

    remote function onClose(email:Error? err) {
        if err is email:Error {
            log:printError("closed", 'error = err);
        }
    }
}
