import ballerina/email;
import ballerina/test;

@test:Config {}
function testAllowedAttachmentHasNoProblem() {
    AttachmentInfo info = {contentType: "application/pdf", fileName: "report.pdf", size: 1024};
    test:assertEquals(policyProblem(info), ());
}

@test:Config {}
function testBlockedTypeIgnoresParametersAndCase() {
    AttachmentInfo info = {contentType: "Application/X-Sh; charset=utf-8", fileName: "run.sh", size: 10};
    test:assertEquals(policyProblem(info), "blocked content type application/x-sh");
}

@test:Config {}
function testTooLarge() {
    AttachmentInfo info = {contentType: "image/png", fileName: "huge.png", size: 10485761};
    test:assertEquals(policyProblem(info), "too large: 10485761 bytes");
}

@test:Config {}
function testLimitItselfIsAllowed() {
    AttachmentInfo info = {contentType: "image/png", fileName: "edge.png", size: 10485760};
    test:assertEquals(policyProblem(info), ());
}

@test:Config {}
function testNoAttachments() {
    email:Message message = {to: "shared@localhost", subject: "hi"};
    test:assertEquals(attachmentsOf(message).length(), 0);
}
