// construct: module constant declarations with and without a type, constant expressions, list and map constants
import ballerina/io;

const MAX_RETRIES = 3;
const string DEFAULT_FOLDER = "INBOX";
const decimal RATE = 1.25;
const float RATIO = 0.5;
const boolean VERBOSE = false;
const int TIMEOUT_MS = MAX_RETRIES * 1000 + 500;
const GREETING = "Hello, " + "mail";
public const int[] PORTS = [993, 995];
const map<string> LABELS = {inbox: "Inbox", sent: "Sent"};

public function main() {
    io:println(MAX_RETRIES, " ", DEFAULT_FOLDER, " ", RATE, " ", RATIO, " ", VERBOSE);
    io:println(TIMEOUT_MS, " ", GREETING, " ", PORTS, " ", LABELS["sent"]);
}
