import ballerina/email;

listener email:PopListener inbox = check new ({host: "localhost", username: "u", password: "p"});

service on inbox {
    remote function onMessage(email:Message m) {
        if m.subject == "x" {
    }
