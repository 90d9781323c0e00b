import ballerina/email;
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
