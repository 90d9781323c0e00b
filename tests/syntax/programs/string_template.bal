// construct: string template expressions with interpolations, nested templates, multi-line templates
import ballerina/io;

public function main() {
    string user = "ann";
    int unread = 3;
    decimal quota = 80.5;
    string greeting = string `Hello ${user}!`;
    string summary = string `${user} has ${unread} unread (${unread > 1 ? "messages" : "message"}), quota ${quota}%`;
    string nested = string `outer ${string `inner ${unread * 2}`} done`;
    string multi = string `Subject: Report
From: ${user}@example.com

Body line`;
    string noInterpolation = string `plain \n stays literal`;
    io:println(greeting);
    io:println(summary);
    io:println(nested);
    io:println(multi);
    io:println(noInterpolation);
}
