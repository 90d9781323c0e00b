// The listener and its service live in the `inbox` submodule; importing it (here only for its listener)
// makes Ballerina initialise the module and start its listener once `main` has returned.
import ballerina/log;
import mail_relay.inbox as _;

public function main() {
    log:printInfo("relay starting");
}
