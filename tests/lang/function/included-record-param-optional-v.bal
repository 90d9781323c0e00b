import ballerina/io;

// An optional field of an included record parameter may share its name with another parameter or with a
// field of another included parameter: only required fields clash.
type Retry record {|
    int attempts?;
    string subject?;
|};

type Envelope record {|
    string subject;
|};

function deliver(int attempts, *Envelope envelope, *Retry again) returns string {
    return envelope.subject + " " + attempts.toString() + " " + (again.attempts ?: 0).toString();
}

public function main() {
    io:println(deliver(2, subject = "hi")); // @output hi 2 0
}
