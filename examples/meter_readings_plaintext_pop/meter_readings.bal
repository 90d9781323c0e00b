// Meter readings: a legacy gateway on an isolated plant network mails CSV meter
// readings to a local POP3 server that only speaks plaintext on port 110.
//
// DELIBERATE: this example uses `email:START_TLS_NEVER`, so the password and the
// messages cross the network unencrypted; balmail (like Ballerina's own scanner)
// warns about it. Only do this against a server on a trusted, local network.
import ballerina/email;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 110;
configurable string username = "meters@localhost";
configurable string password = ?;
configurable decimal alarmKwh = 500;

type Reading record {|
    string meter;
    decimal kwh;
|};

listener email:PopListener gatewayInbox = check new ({
    host: host,
    username: username,
    password: password,
    port: port,
    pollingInterval: 60,
    security: email:START_TLS_NEVER
});

service "meter-readings" on gatewayInbox {
    remote function onMessage(email:Message message) returns error? {
        Reading[] readings = check parseReadings(message?.body ?: "");
        if readings.length() == 0 {
            log:printWarn("reading e-mail without readings", subject = message.subject);
            return;
        }
        decimal total = from var {kwh} in readings
            collect sum(kwh);
        decimal average = total / <decimal>readings.length();
        Reading[] alarms = from Reading r in readings
            where r.kwh > alarmKwh
            order by r.kwh descending
            select r;
        log:printInfo("readings received", batch = message.subject, meters = readings.length(),
                totalKwh = total, averageKwh = average);
        foreach Reading alarm in alarms {
            log:printWarn("consumption above alarm level", meter = alarm.meter, kwh = alarm.kwh);
        }
    }

    remote function onError(email:Error err) {
        log:printError("gateway mailbox unavailable", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("meter reading intake stopped");
    }
}

// Body format, one reading per line, '#' starts a comment:
//   # meter, kWh
//   M-0001, 231.5
function parseReadings(string body) returns Reading[]|error {
    return from string line in re `\r?\n`.split(body)
        let string trimmed = line.trim()
        where trimmed != "" && !trimmed.startsWith("#")
        let string[] cells = re `\s*,\s*`.split(trimmed)
        where cells.length() == 2
        select {meter: cells[0], kwh: check decimal:fromString(cells[1])};
}
