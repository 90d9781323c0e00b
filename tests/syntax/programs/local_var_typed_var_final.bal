// construct: local variable declarations — explicit type, var, final, final var, declared without initializer
import ballerina/io;

public function main() {
    int count = 3;
    var subject = "Weekly digest";
    final string sender = "digest@example.com";
    final var recipients = ["a@example.com", "b@example.com"];
    string status;
    if count > 2 {
        status = "busy";
    } else {
        status = "quiet";
    }
    int|string code = 250;
    var total = count * 2 + 1;
    decimal price = 9.99;
    float ratio = 0.25;
    boolean seen = false;
    byte flags = 255;
    io:println(subject, " from ", sender, " to ", recipients, ": ", status, " ", code, " ", total);
    io:println(price, " ", ratio, " ", seen, " ", flags);
}
