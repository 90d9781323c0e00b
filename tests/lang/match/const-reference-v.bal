import ballerina/io;

const IMAPS = 993;
const POP3S = 995;

public function main() {
    int port = 995;
    match port {
        IMAPS => {
            io:println("imaps");
        }
        POP3S => {
            io:println("pop3s"); // @output pop3s
        }
    }
}
