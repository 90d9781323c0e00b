// construct: service object constructor — assigned to a service object type and to `service object {}`
import ballerina/io;

type Greeter service object {
    function greet(string name) returns string;
};

public function main() {
    Greeter greeter = service object {
        function greet(string name) returns string {
            return "hello " + name;
        }
    };
    service object {} handler = service object {
        remote function onMessage(string body) {
            io:println("got ", body);
        }

        function helper() returns int => 1;
    };
    io:println(greeter.greet("ann"), " ", handler is Greeter);
}
