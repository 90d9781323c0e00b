// Heartbeat monitor: `main` creates a POP3 listener, attaches an `email:Service`
// object to it, starts it, lets it run for a while and then stops it
// gracefully. Systems that are alive send an e-mail "HEARTBEAT <system>" every
// few minutes; at the end the monitor reports which expected systems were silent.
import ballerina/email;
import ballerina/lang.runtime;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 995;
// PEM file of a private CA or self-signed server; "" trusts the system store.
configurable string certPath = "";
configurable string username = "heartbeat@localhost";
configurable string password = ?;
configurable decimal pollingInterval = 5;
configurable decimal runFor = 120;
configurable string[] expectedSystems = ["billing", "crm", "warehouse"];

isolated map<int> beats = {};

isolated function recordBeat(string system) returns int {
    lock {
        int count = (beats[system] ?: 0) + 1;
        beats[system] = count;
        return count;
    }
}

isolated function heardFrom(string system) returns boolean {
    lock {
        return beats.hasKey(system);
    }
}

public function main() returns error? {
    email:PopListenerConfiguration config = {
        host,
        username,
        password,
        port,
        pollingInterval,
        security: email:SSL,
        secureSocket: certPath == "" ? () : {cert: certPath}
    };
    email:PopListener heartbeatListener = check new (config);

    email:Service observer = service object {
        remote function onMessage(email:Message message) {
            string[] words = re `\s+`.split(message.subject.trim());
            if words.length() == 2 && words[0].toUpperAscii() == "HEARTBEAT" {
                string system = words[1].toLowerAscii();
                int count = recordBeat(system);
                log:printInfo("heartbeat", system = system, count = count);
            } else {
                log:printDebug("not a heartbeat", subject = message.subject);
            }
        }

        remote function onError(email:Error err) {
            log:printError("heartbeat mailbox unreachable", 'error = err);
        }

        remote function onClose(email:Error? err) {
            log:printInfo("heartbeat listener closed", clean = err is ());
        }
    };

    check heartbeatListener.attach(observer, "heartbeats");
    check heartbeatListener.'start();
    log:printInfo("monitoring heartbeats", seconds = runFor, expected = expectedSystems);
    runtime:sleep(runFor);
    check heartbeatListener.gracefulStop();

    string[] silent = from string system in expectedSystems
        where !heardFrom(system)
        select system;
    if silent.length() > 0 {
        log:printWarn("systems without a heartbeat", systems = silent);
    } else {
        log:printInfo("all expected systems are alive");
    }
}
