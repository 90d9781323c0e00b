import ballerina/io;
import ballerina/time;

// civilFromString keeps the timestamp's own zone; civilToString writes seconds only when there are any
// and the offset as "Z" or "+hh:mm".
public function main() returns error? {
    time:Civil c1 = check time:civilFromString("2021-04-12T23:20:50.520+05:30[Asia/Colombo]");
    io:println(c1.timeAbbrev, " ", c1.dayOfWeek, " ", c1?.second); // @output Asia/Colombo 1 50.52
    time:ZoneOffset? offset = c1.utcOffset;
    if offset is time:ZoneOffset {
        io:println(offset.hours, " ", offset.minutes); // @output 5 30
    }
    io:println(check time:civilToString(c1)); // @output 2021-04-12T23:20:50.520+05:30
    time:Civil c2 = {year: 2024, month: 2, day: 29, hour: 8, minute: 5, utcOffset: {hours: -3, minutes: -30}};
    io:println(check time:civilToString(c2)); // @output 2024-02-29T08:05-03:30
    io:println(time:utcToString(check time:utcFromCivil(c2))); // @output 2024-02-29T11:35:00Z
    time:Civil c3 = {year: 2024, month: 13, day: 1, hour: 0, minute: 0, utcOffset: time:Z};
    string|time:Error bad = time:civilToString(c3);
    io:println(bad is time:FormatError); // @output true
    if bad is time:Error {
        io:println(bad.message()); // @output Invalid value for MonthOfYear (valid values 1 - 12): 13
    }
}
