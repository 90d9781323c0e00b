// construct: configurable module variables with default values of several types, including a record
import ballerina/io;

type Account record {|
    string user;
    int quota = 100;
|};

configurable string host = "localhost";
configurable int port = 993;
configurable decimal pollingInterval = 30;
configurable float backoffFactor = 1.5;
configurable boolean verbose = false;
configurable string[] folders = ["INBOX", "Archive"];
configurable map<string> aliases = {};
configurable Account account = {user: "admin"};

public function main() {
    io:println(host, ":", port, " every ", pollingInterval, "s");
    io:println(backoffFactor, " ", verbose, " ", folders, " ", aliases);
    io:println(account.user, " quota=", account.quota);
}
