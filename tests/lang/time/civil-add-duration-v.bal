import ballerina/io;
import ballerina/time;

// time:civilAddDuration adds years and months, then days, to the local date (a day past the end of the
// shorter month is moved back to its last day), then hours, minutes and seconds as elapsed time, in the
// civil value's zone: its utcOffset, else the zone its timeAbbrev names. The result carries the zone's ID
// as timeAbbrev and no utcOffset.
public function main() returns error? {
    time:Civil civil = check time:civilFromString("2025-04-25T10:15:30.00Z");
    time:Civil later = check time:civilAddDuration(civil, {years: 1, days: 3, hours: 4, seconds: 6});
    io:println(later); // @output {"timeAbbrev":"Z","dayOfWeek":2,"year":2026,"month":4,"day":28,"hour":14,"minute":15,"second":36}
    io:println(check time:civilToString(later)); // @output 2026-04-28T14:15:36Z

    time:Civil jan31 = {year: 2024, month: 1, day: 31, hour: 12, minute: 0, utcOffset: {hours: 5, minutes: 30}};
    time:Civil feb = check time:civilAddDuration(jan31, {months: 1});
    io:println(feb.timeAbbrev, " ", check time:civilToString(feb)); // @output +05:30 2024-02-29T12:00+05:30
    time:Civil back = check time:civilAddDuration(jan31, {minutes: -30, seconds: 0.25});
    io:println(check time:civilToString(back)); // @output 2024-01-31T11:30:00.250+05:30

    // Days keep the wall-clock time across a daylight saving change; hours are elapsed time.
    time:Civil ny = {year: 2021, month: 3, day: 13, hour: 12, minute: 0, timeAbbrev: "America/New_York"};
    io:println(check time:civilToString(check time:civilAddDuration(ny, {days: 1}))); // @output 2021-03-14T12:00-04:00[America/New_York]
    io:println(check time:civilToString(check time:civilAddDuration(ny, {hours: 24}))); // @output 2021-03-14T13:00-04:00[America/New_York]

    time:Civil noZone = {year: 2021, month: 3, day: 13, hour: 12, minute: 0};
    time:Civil|time:Error missing = time:civilAddDuration(noZone, {days: 1});
    if missing is time:Error {
        io:println(missing.message()); // @output The civil value should have either `utcOffset` or `timeAbbrev`
    }
    time:Civil|time:Error bad = time:civilAddDuration({year: 2021, month: 2, day: 30, hour: 0, minute: 0,
        timeAbbrev: "Z"}, {days: 1});
    if bad is time:FormatError {
        io:println(bad.message()); // @output Invalid date 'FEBRUARY 30'
    }
}
