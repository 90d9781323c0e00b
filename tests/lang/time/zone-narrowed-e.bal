// A `time:Zone?` narrowed by `is time:Zone` (or by returning when it is `()`) has the type `time:Zone`
// there: its methods are checked like those of any `time:Zone` (spec: "Type narrowing"; ballerina/time
// `Zone` has `fixedOffset`, `utcFromCivil`, `utcToCivil`).
import ballerina/io;
import ballerina/time;

public function main() returns error? {
    time:Zone? paris = time:getZone("Europe/Paris");
    if paris is time:Zone {
        time:Civil c = paris.utcToCivil(time:utcNow());
        io:println(c.year > 2000);
        int offset = paris.offsetOf(time:utcNow()); // @error undefined method 'offsetOf'
    }
    time:Zone? tokyo = time:getZone("Asia/Tokyo");
    if tokyo is () {
        return;
    }
    string text = tokyo.utcToCivil(time:utcNow()); // @error incompatible types: expected 'string', found 'time:Civil'
    io:println(text);
}
