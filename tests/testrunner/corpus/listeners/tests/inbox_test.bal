import ballerina/email;
import ballerina/lang.runtime;
import ballerina/test;

final email:SmtpClient outside = check new ("smtp.example.com", "ann@example.com", "pw");

@test:Config {}
function testMailIsHandled() returns error? {
    check outside->sendMessage({to: "inbox@example.org", 'from: "ann@example.com", subject: "one", body: "1"});
    check outside->sendMessage({to: "inbox@example.org", 'from: "ann@example.com", subject: "two", body: "2"});
    check waitUntil(function() returns boolean => handledCount() == 2, "two messages handled", 10);
    lock {
        test:assertEquals(handled, ["one", "two"]);
    }
}

@test:Config {dependsOn: [testMailIsHandled]}
function testRepliesReachTheSender() returns error? {
    email:ImapClient mailbox = check new ("imap.example.com", "ann@example.com", "pw");
    email:Message? first = check mailbox->receiveMessage(timeout = 5);
    email:Message? second = check mailbox->receiveMessage(timeout = 5);
    test:assertEquals(first?.subject, "Re: one");
    test:assertEquals(second?.subject, "Re: two");
}

@test:Config {groups: ["broken"]}
function testWaitingForWhatNeverHappens() returns error? {
    check outside->sendMessage({to: "inbox@example.org", 'from: "ann@example.com", subject: "three", body: ""});
    check waitUntil(function() returns boolean => handledCount() == 99, "99 messages handled", 1);
}

// Polls `done` every 0.1 s for up to `seconds`: listeners run while a test sleeps.
function waitUntil(function () returns boolean done, string what, int seconds) returns error? {
    foreach int i in 0 ..< seconds * 10 {
        if done() {
            return;
        }
        runtime:sleep(0.1);
    }
    return error(string `timed out waiting for: ${what}`);
}
