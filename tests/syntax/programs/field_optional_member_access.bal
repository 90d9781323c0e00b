// construct: field access (.), optional field access (?.), member access ([]) on lists/maps/strings/tuples, json access
import ballerina/io;

type Contact record {|
    string name;
    string email?;
    Contact manager?;
|};

public function main() returns error? {
    Contact boss = {name: "Dee", email: "dee@example.com"};
    Contact employee = {name: "Eli", manager: boss};
    string? employeeEmail = employee?.email;
    string? managerEmail = employee?.manager?.email;
    Contact? nobody = ();
    string? nobodyName = nobody?.name;
    int[] ports = [110, 143, 993];
    map<string> folders = {inbox: "INBOX"};
    string? trash = folders["trash"];
    string word = "mail";
    string first = word[0];
    [string, int] pair = ["imap", 993];
    json doc = {server: {host: "localhost", port: 993}};
    json host = check doc.server.host;
    io:println(employee.name, " ", employeeEmail, " ", managerEmail, " ", nobodyName);
    io:println(ports[2], " ", folders["inbox"], " ", trash, " ", first, " ", pair[1], " ", host);
}
