import ballerina/time;

public function main() returns error? {
    time:Civil c = check time:civilAddDuration({year: 2024, month: 1, day: 1, hour: 0, minute: 0}, {fortnights: 1}); // @error undefined field 'fortnights' in record 'time:Duration'
    time:Zone? z = time:getZone(5); // @error incompatible types: expected 'string', found 'int'
    string e = check time:civilToEmailString(c, "SOMETHING"); // @error incompatible types
    time:Zone zone = check time:loadSystemZone();
    string s = zone.utcToCivil(time:utcNow()); // @error incompatible types: expected 'string', found 'time:Civil'
    _ = zone.offsetAt(time:utcNow()); // @error undefined method 'offsetAt' in object 'time:Zone'
}
