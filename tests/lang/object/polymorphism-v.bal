import ballerina/io;

type Notifier object {
    function notify(string m) returns string;
};

class Email {
    function notify(string m) returns string => "email " + m;
}

class Sms {
    function notify(string m) returns string => "sms " + m;
}

public function main() {
    Notifier[] ns = [new Email(), new Sms()];
    foreach Notifier n in ns {
        io:println(n.notify("hi")); // @output email hi
    }
    // @output sms hi
}
