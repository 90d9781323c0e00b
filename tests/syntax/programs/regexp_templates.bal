// construct: regular expression templates re `...` — classes, quantifiers, groups, anchors, (?i:) flags, escapes,
//            \p{..} properties, interpolation; lang.regexp and lang.string functions on them
import ballerina/io;
import ballerina/lang.regexp;

public function main() {
    string:RegExp orderId = re `ORD-[0-9]{4,6}`;
    regexp:RegExp address = re `([a-zA-Z0-9._%+-]+)@([a-zA-Z0-9.-]+\.[a-zA-Z]{2,})`;
    string:RegExp caseless = re `(?i:urgent)`;
    string:RegExp spaces = re `\s+`;
    string:RegExp replyPrefix = re `^(Re|Fwd):\s*`;
    string:RegExp letters = re `\p{L}+`;
    string domain = "example";
    string:RegExp sameDomain = re `@${domain}\.com$`;

    boolean full = orderId.isFullMatch("ORD-12345");
    boolean urgent = "URGENT: disk".includesMatch(caseless);
    boolean matchesWhole = "Re: hi".matches(re `Re:.*`);
    regexp:Span? found = orderId.find("see ORD-0042 now");
    regexp:Groups? groups = address.findGroups("ann@example.com");
    string[] words = spaces.split("one  two   three");
    string cleaned = replyPrefix.replace("Re: Fwd: hello", "");
    string collapsed = spaces.replaceAll("a   b    c", " ");
    regexp:Span[] runs = letters.findAll("abc 123 déf");

    io:println(full, " ", urgent, " ", matchesWhole, " ", sameDomain.isFullMatch("@example.com"));
    if found is regexp:Span {
        io:println("found ", found.substring(), " at ", found.startIndex);
    }
    if groups is regexp:Groups {
        regexp:Span? user = groups[1];
        io:println("user ", user is regexp:Span ? user.substring() : "-");
    }
    io:println(words, " ", cleaned, " ", collapsed, " ", runs.length());
}
