import ballerina/io;
import ballerina/time;

// utcAddSeconds carries a fraction that reaches 1 into the seconds; utcDiffSeconds is positive when
// the first time is later. utcToString writes the fraction in groups of three digits.
public function main() returns error? {
    time:Utc first = check time:utcFromString("2021-04-12T23:20:50.520Z");
    io:println(first); // @output [1618269650,0.52]
    time:Utc later = time:utcAddSeconds(first, 20.900);
    io:println(later); // @output [1618269671,0.420]
    io:println(time:utcToString(later)); // @output 2021-04-12T23:21:11.420Z
    time:Seconds diff = time:utcDiffSeconds(later, first);
    io:println(diff); // @output 20.9
    io:println(time:utcDiffSeconds(first, later)); // @output -20.9
    io:println(time:utcToString([1, 0.5])); // @output 1970-01-01T00:00:01.500Z
    io:println(time:utcToString([0, 0.000001])); // @output 1970-01-01T00:00:00.000001Z
    io:println(time:utcToEmailString(first)); // @output Mon, 12 Apr 2021 23:20:50 +0000
    io:println(time:utcToEmailString(first, "GMT")); // @output Mon, 12 Apr 2021 23:20:50 GMT
    time:Utc|time:Error bad = time:utcFromString("2021-04-12 23:20:50");
    io:println(bad is time:FormatError); // @output true
}
