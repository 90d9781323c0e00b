// BALMAIL_302: OpenSSL cipher names, which Java does not know.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({
    host: "pop.example.com",
    username,
    password,
    secureSocket: {cert: "ca.crt", ciphers: ["TLS_AES_256_GCM_SHA384", "ECDHE-RSA-AES128-GCM-SHA256"]}
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}
