import ballerina/io;
import ballerina/time;

// RFC 5322 dates as the module writes and reads them (java.time's "EEE, dd MMM yyyy HH:mm:ss Z[ ][(z)]"):
// PREFER_ZONE_OFFSET writes the offset only; the other choices compute the time in the zone timeAbbrev
// names and add its short name as a comment. Reading keeps the comment's zone (PST is
// America/Los_Angeles) or, without one, the offset.
public function main() returns error? {
    time:Civil la = {year: 2021, month: 3, day: 10, hour: 19, minute: 51, second: 55,
        timeAbbrev: "America/Los_Angeles", utcOffset: {hours: 8}};
    io:println(check time:civilToEmailString(la, time:ZONE_OFFSET_WITH_TIME_ABBREV_COMMENT)); // @output Wed, 10 Mar 2021 19:51:55 -0800 (PST)
    io:println(check time:civilToEmailString(la, time:PREFER_TIME_ABBREV)); // @output Wed, 10 Mar 2021 19:51:55 -0800 (PST)
    time:Civil offset = {year: 2021, month: 3, day: 1, hour: 9, minute: 5, timeAbbrev: "America/Los_Angeles",
        utcOffset: {hours: -8, minutes: -20}};
    io:println(check time:civilToEmailString(offset, time:PREFER_ZONE_OFFSET)); // @output Mon, 01 Mar 2021 09:05:00 -0820
    time:Civil noOffset = {year: 2021, month: 3, day: 1, hour: 9, minute: 5, timeAbbrev: "Z"};
    string|time:Error missing = time:civilToEmailString(noOffset, time:PREFER_ZONE_OFFSET);
    if missing is time:Error {
        io:println(missing.message()); // @output civilTime.utcOffset must not be null with time:PREFER_ZONE_OFFSET
    }
    io:println(check time:civilToEmailString(noOffset, time:PREFER_TIME_ABBREV)); // @output Mon, 01 Mar 2021 09:05:00 +0000 (Z)

    time:Civil pst = check time:civilFromEmailString("Wed, 10 Mar 2021 19:51:55 -0800 (PST)");
    io:println(pst.timeAbbrev, " ", pst.dayOfWeek, " ", pst.year, "-", pst.month, "-", pst.day, " ", pst.hour, ":", pst.minute, ":", pst?.second); // @output America/Los_Angeles 3 2021-3-10 19:51:55
    io:println(pst?.utcOffset?.hours, " ", pst?.utcOffset?.minutes); // @output -8 0
    time:Civil plain = check time:civilFromEmailString("Wed, 10 Mar 2021 19:51:55 -0820");
    io:println(plain.timeAbbrev, " ", plain?.utcOffset?.hours, " ", plain?.utcOffset?.minutes); // @output -08:20 -8 -20
    io:println(time:utcToString(check time:utcFromCivil(plain))); // @output 2021-03-11T04:11:55Z

    time:Civil|time:Error noMonth = time:civilFromEmailString("Wed, 10 2021 19:51:55 -0800 (PST)");
    if noMonth is time:Error {
        io:println(noMonth.message()); // @output Text 'Wed, 10 2021 19:51:55 -0800 (PST)' could not be parsed at index 8
    }
    time:Civil|time:Error oneDigitDay = time:civilFromEmailString("Mon, 3 Dec 2007 10:15:30 +0000");
    if oneDigitDay is time:Error {
        io:println(oneDigitDay.message()); // @output Text 'Mon, 3 Dec 2007 10:15:30 +0000' could not be parsed at index 5
    }
    time:Civil|time:Error wrongDay = time:civilFromEmailString("Thu, 10 Mar 2021 19:51:55 -0800");
    if wrongDay is time:Error {
        io:println(wrongDay.message()); // @output Text 'Thu, 10 Mar 2021 19:51:55 -0800' could not be parsed: Conflict found: Field DayOfWeek 3 differs from DayOfWeek 4 derived from 2021-03-10
    }
}
