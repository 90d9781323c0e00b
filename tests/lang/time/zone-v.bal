import ballerina/io;
import ballerina/time;

// time:getZone gives a time:Zone for a zone ID java.time accepts (a region, `Z`, an offset, `UTC`...) and
// () for one it does not. A zone converts UTC to the civil time there (timeAbbrev is the zone's ID) and
// back; fixedOffset() is the offset of a zone that never changes, else ().
public function main() returns error? {
    time:Zone? colombo = time:getZone("Asia/Colombo");
    if colombo !is time:Zone {
        return;
    }
    io:println(colombo.fixedOffset() is ()); // @output true
    time:Utc utc = check time:utcFromString("2021-04-12T23:20:50.520Z");
    time:Civil civil = colombo.utcToCivil(utc);
    io:println(civil); // @output {"timeAbbrev":"Asia/Colombo","dayOfWeek":2,"year":2021,"month":4,"day":13,"hour":4,"minute":50,"second":50.52}
    io:println(check time:civilToString(civil)); // @output 2021-04-13T04:50:50.520+05:30[Asia/Colombo]
    io:println(time:utcToString(check colombo.utcFromCivil(civil))); // @output 2021-04-12T23:20:50.520Z

    time:Zone? india = time:getZone("+05:30");
    if india is time:Zone {
        time:ZoneOffset? fixed = india.fixedOffset();
        if fixed is time:ZoneOffset {
            io:println(fixed.hours, " ", fixed.minutes, " ", fixed?.seconds is ()); // @output 5 30 true
        }
        io:println(india.utcToCivil(utc).timeAbbrev); // @output +05:30
    }
    time:Zone? utcZone = time:getZone("UTC");
    if utcZone is time:Zone {
        time:ZoneOffset? fixed = utcZone.fixedOffset();
        if fixed is time:ZoneOffset {
            io:println(fixed.hours, " ", fixed.minutes); // @output 0 0
        }
    }
    io:println(time:getZone("Mars/Olympus_Mons") is ()); // @output true
    io:println(time:getZone("not a zone") is ()); // @output true

    // A local time the clocks skip moves later by the gap; one they repeat takes the earlier offset.
    time:Zone? ny = time:getZone("America/New_York");
    if ny is time:Zone {
        time:Civil skipped = {year: 2021, month: 3, day: 14, hour: 2, minute: 30, timeAbbrev: "America/New_York"};
        io:println(time:utcToString(check ny.utcFromCivil(skipped))); // @output 2021-03-14T07:30:00Z
        time:Civil repeated = {year: 2021, month: 11, day: 7, hour: 1, minute: 30, timeAbbrev: "America/New_York"};
        io:println(time:utcToString(check ny.utcFromCivil(repeated))); // @output 2021-11-07T05:30:00Z
        time:Utc|time:Error noAbbrev = ny.utcFromCivil({year: 2021, month: 1, day: 1, hour: 0, minute: 0});
        if noAbbrev is time:Error {
            io:println(noAbbrev.message()); // @output Abbreviation for the local time is required for the conversion
        }
    }
    time:Zone system = check time:loadSystemZone();
    io:println(system.utcToCivil(utc).year); // @output 2021
}
