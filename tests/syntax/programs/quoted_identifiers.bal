// construct: quoted identifiers — reserved words as names of fields, variables, functions, parameters and methods ('start)
import ballerina/io;

type Envelope record {|
    string 'from;
    string[] to;
    string 'type = "text/plain";
|};

function 'match(string 'string, string 'error) returns boolean {
    return 'string == 'error;
}

class Job {
    boolean running = false;

    public function 'start() {
        self.running = true;
    }
}

public function main() {
    Envelope env = {'from: "ann@example.com", to: ["bob@example.com"]};
    int 'int = 5;
    string 'select = "chosen";
    Job job = new;
    job.'start();
    io:println(env.'from, " ", env.'type, " ", 'int, " ", 'select, " ", 'match("a", "a"), " ", job.running);
}
