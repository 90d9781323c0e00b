import ballerina/io;

client class Mailer {
    int sent = 0;

    remote function send(string to) returns string {
        self.sent += 1;
        return "sent to " + to;
    }
}

public function main() {
    Mailer m = new;
    string r = m->send("ann@example.com");
    io:println(r, " ", m.sent); // @output sent to ann@example.com 1
}
