import ballerina/io;

function route(map<anydata> msg) returns string {
    match msg {
        {folder: "Spam"} => {
            return "drop";
        }
        {priority: 1, subject: var s} => {
            return "urgent " + s.toString();
        }
        {subject: var s, ...var rest} => {
            return "normal " + s.toString() + " extra=" + rest.length().toString();
        }
    }
    return "no subject";
}

public function main() {
    io:println(route({folder: "Spam", subject: "win"})); // @output drop
    io:println(route({priority: 1, subject: "fire"})); // @output urgent fire
    io:println(route({subject: "hi", a: 1, b: 2})); // @output normal hi extra=2
    io:println(route({})); // @output no subject
}
