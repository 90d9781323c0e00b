import ballerina/email;
import ballerina/lang.runtime;
import ballerina/test;

function listMail(map<string> headers) returns email:Message {
    return {to: "lists@localhost", subject: "post", headers: headers};
}

@test:Config {}
function testListIdOf() {
    test:assertEquals(listIdOf(listMail({"List-Id": "Ballerina users <users.ballerina.example>"})),
        "users.ballerina.example");
    test:assertEquals(listIdOf(listMail({"list-id": "  plain.example  "})), "plain.example");
    test:assertEquals(listIdOf(listMail({})), "(direct)");
}

@test:Config {dependsOn: [testListIdOf]}
function testDigestOrdersByCountThenName() {
    _ = countMessage("b.example");
    _ = countMessage("a.example");
    _ = countMessage("c.example");
    int total = countMessage("c.example");
    test:assertEquals(total, 4);
    test:assertEquals(snapshot(), {"a.example": 1, "b.example": 1, "c.example": 2});
    test:assertEquals(digest(), "c.example=2, a.example=1, b.example=1");
}

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): list posts go in by SMTP and are counted per List-Id.
@test:Config {groups: ["e2e"], dependsOn: [testDigestOrdersByCountThenName]}
function testPostsAreCountedPerList() returns error? {
    int direct = snapshot()["(direct)"] ?: 0;
    email:SmtpClient smtp = check new (host, "list-bounces@example.org", "any", port = 465);
    check smtp->sendMessage(post("Release 2.0", "Developers <dev.e2e.example>"));
    check smtp->sendMessage({to: username, 'from: "ann@example.com", subject: "Not a list", body: "hi"});
    check smtp->sendMessage(post("Re: Release 2.0", "Developers <dev.e2e.example>"));
    check smtp->sendMessage(post("Meeting", "announce.e2e.example"));
    check waitUntil(function() returns boolean => snapshot()["announce.e2e.example"] == 1, "four posts counted");
    map<int> counts = snapshot();
    test:assertEquals(counts["dev.e2e.example"], 2);
    test:assertEquals(counts["(direct)"], direct + 1);
}

function post(string subject, string listId) returns email:Message => {
    to: username,
    'from: "list-bounces@example.org",
    subject: subject,
    body: "A post.",
    headers: {"List-Id": listId}
};

// Polls `done` every 0.1 s for up to 10 seconds (the listener's handler runs meanwhile).
function waitUntil(function () returns boolean done, string what) returns error? {
    foreach int attempt in 0 ..< 100 {
        if done() {
            return;
        }
        runtime:sleep(0.1);
    }
    return error(string `timed out waiting for: ${what}`);
}
