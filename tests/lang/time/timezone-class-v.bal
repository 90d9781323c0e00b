import ballerina/io;
import ballerina/time;

// time:TimeZone is the module's class of time:Zone values: `new` with a zone ID, or without one for the
// system's zone; an ID java.time refuses makes the initializer panic (the module's extern throws).
public function main() returns error? {
    time:TimeZone colombo = check new ("Asia/Colombo");
    time:Utc utc = check time:utcFromString("2021-04-12T23:20:50.520Z");
    time:Civil civil = colombo.utcToCivil(utc);
    io:println(civil.hour, ":", civil.minute, " ", civil.timeAbbrev); // @output 4:50 Asia/Colombo
    time:TimeZone plusTwo = check new time:TimeZone("+02:00");
    time:Zone zone = plusTwo;
    io:println(zone.utcToCivil([0, 0]).hour); // @output 2
    time:ZoneOffset? fixed = zone.fixedOffset();
    io:println(fixed is time:ZoneOffset ? fixed.hours : -1); // @output 2
    time:TimeZone system = check new;
    io:println(system.utcToCivil(utc).year); // @output 2021
    time:TimeZone|error bad = trap new time:TimeZone("Bad/Zone");
    io:println(bad is error ? bad.message() : "created"); // @output Unknown time-zone ID: Bad/Zone
}
