import ballerina/test;

@test:Config {dataProvider: priorities}
function testClassify(string subject, map<string>? headers, Priority expected) {
    test:assertEquals(classify(subject, headers), expected);
}

function priorities() returns map<[string, map<string>?, Priority]> {
    return {
        "urgent tag": ["[URGENT] cannot log in", (), URGENT],
        "outage": ["Partial outage in EU", {}, URGENT],
        "importance header": ["Invoice question", {"Importance": "High"}, HIGH],
        "asap": ["need a refund asap", (), HIGH],
        "fyi": ["FYI: maintenance on Sunday", (), LOW],
        "normal": ["How do I export data?", {"Importance": "normal"}, NORMAL]
    };
}

@test:Config {}
function testTagsAreDeduplicatedInOrder() {
    test:assertEquals(tagsFor("Login broken after password reset; refund?"), ["access", "defect", "billing"]);
    test:assertEquals(tagsFor("Password locked"), ["access"]);
    test:assertEquals(tagsFor("Hello there"), []);
}

@test:Config {}
function testTrustAnchor() {
    test:assertEquals(trustAnchor(""), ());
    test:assertTrue(trustAnchor("certs/ca.crt") !is ());
}
