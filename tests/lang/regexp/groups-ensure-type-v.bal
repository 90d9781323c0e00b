import ballerina/io;
import ballerina/lang.regexp;

// The members of regexp:Groups are `regexp:Span?`: programs narrow them with ensureType or a cast
// before calling `substring()`.
public function main() returns error? {
    regexp:RegExp pattern = re `(\d+)-(\d+)`;
    regexp:Groups? groups = pattern.findGroups("order 12-34");
    if groups is regexp:Groups {
        regexp:Span first = check groups[1].ensureType();
        io:println(first.substring(), " at ", first.startIndex); // @output 12 at 6
        string second = (check groups[2].ensureType(regexp:Span)).substring();
        io:println(second); // @output 34
        io:println((<regexp:Span>groups[0]).substring()); // @output 12-34
    }
    regexp:Groups[] all = pattern.findAllGroups("1-2 and 3-4");
    foreach regexp:Groups g in all {
        regexp:Span whole = check g[0].ensureType();
        io:println(whole.substring()); // @output 1-2
                                       // @output 3-4
    }
    regexp:Groups? full = pattern.fullMatchGroups("5-6");
    io:println(full is regexp:Groups ? full.length() : 0); // @output 3
}
