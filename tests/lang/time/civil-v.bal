import ballerina/io;
import ballerina/time;

// time:utcToCivil gives the civil time at UTC: the zone abbreviation "Z", the day of the week (Sunday is
// 0) and the seconds as a decimal; it has no utcOffset, so civilToString reads the zone from timeAbbrev.
public function main() returns error? {
    time:Utc utc = check time:utcFromString("2021-04-12T23:20:50.520Z");
    time:Civil civil = time:utcToCivil(utc);
    io:println(civil); // @output {"timeAbbrev":"Z","dayOfWeek":1,"year":2021,"month":4,"day":12,"hour":23,"minute":20,"second":50.52}
    io:println(civil.year, "-", civil.month, "-", civil.day, " ", civil.hour, ":", civil.minute); // @output 2021-4-12 23:20
    io:println(civil?.second); // @output 50.52
    io:println(check time:civilToString(civil)); // @output 2021-04-12T23:20:50.520Z
    time:Civil noZone = {year: 2021, month: 4, day: 12, hour: 23, minute: 20};
    string|time:Error text = time:civilToString(noZone);
    if text is time:Error {
        io:println(text.message()); // @output the civil value should have either `utcOffset` or `timeAbbrev`
    }
    time:Utc|time:Error noOffset = time:utcFromCivil({year: 2021, month: 4, day: 12, hour: 23, minute: 20,
        timeAbbrev: "Asia/Colombo"});
    if noOffset is time:Error {
        io:println(noOffset.message()); // @output civilTime.utcOffset must not be null
    }
    civil.utcOffset = {hours: 5, minutes: 30};
    io:println(check time:civilToString(civil)); // @output 2021-04-12T23:20:50.520+05:30
    time:Utc back = check time:utcFromCivil(civil);
    io:println(time:utcToString(back)); // @output 2021-04-12T17:50:50.520Z
}
