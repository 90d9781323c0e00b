import ballerina/email;

listener email:ImapListener supportInbox = new ({
    host,
    port,
    username,
    password,
    pollingInterval,
    security: email:SSL,
    secureSocket: {cert: certPath}
});
