import ballerina/io;
import ballerina/time;

// Zone.utcFromCivil reads the zone from the civil value's timeAbbrev; the module does not catch
// java.time's refusal of an unknown zone there, so the call panics.
public function main() returns error? {
    time:Zone zone = check time:loadSystemZone();
    io:println("before"); // @output before
    time:Utc utc = check zone.utcFromCivil({year: 2021, month: 1, day: 1, hour: 0, minute: 0, timeAbbrev: "Nowhere/Land"}); // @panic Unknown time-zone ID: Nowhere/Land
    io:println(utc);
}
