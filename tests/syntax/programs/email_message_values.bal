// construct: building and reading email:Message values, email configuration records and enum members without a server
import ballerina/email;
import ballerina/io;

function recipients(email:Message message) returns string[] {
    string|string[] to = message.to;
    return to is string ? [to] : to;
}

public function main() {
    email:Message message = {
        to: ["ops@example.com", "dev@example.com"],
        subject: "Build failed",
        'from: "ci@example.com",
        body: "See the log.",
        headers: {"X-Priority": "1"}
    };
    email:Attachment report = {filePath: "build.log", contentType: "text/plain"};
    email:Message withAttachment = {
        to: "lead@example.com",
        subject: "Fwd: " + message.subject,
        cc: ["ops@example.com"],
        attachments: report
    };
    email:SecureSocket tls = {
        cert: "certs/ca.crt",
        protocol: {name: email:TLS, versions: ["TLSv1.2", "TLSv1.3"]},
        ciphers: ["TLS_AES_256_GCM_SHA384"],
        verifyHostName: true
    };
    email:Security[] modes = [email:SSL, email:START_TLS_ALWAYS, email:START_TLS_AUTO, email:START_TLS_NEVER];
    email:PopConfiguration popConfig = {port: 995, secureSocket: tls};
    map<string>? headers = message?.headers;
    io:println(recipients(message), " ", message?.'from, " ", headers is map<string> ? headers["X-Priority"] : ());
    io:println(withAttachment?.cc, " ", tls.verifyHostName, " ", modes, " ", popConfig.port, " ", email:DEFAULT_FOLDER);
}
