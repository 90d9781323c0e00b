// construct: lang.string functions via method-call syntax and module prefix — the ones mail handlers reach for
import ballerina/io;

public function main() returns error? {
    string subject = "  Re: [Ticket 42] Printer on fire  ";
    string s = subject.trim();
    boolean isReply = s.startsWith("Re:");
    boolean hasTicket = s.includes("Ticket");
    int? open = s.indexOf("[");
    int? close = s.lastIndexOf("]");
    string inner = open is int && close is int ? s.substring(open + 1, close) : "";
    string lower = s.toLowerAscii();
    string upper = inner.toUpperAscii();
    boolean fire = s.endsWith("fire");
    string padded = "7".padStart(3, "0");
    string joined = string:'join(", ", "a", "b");
    string concatenated = string:concat("x", "y", "z");
    int number = check int:fromString(re `[^0-9]`.replaceAll(inner, ""));
    io:println(s.length(), " ", isReply, " ", hasTicket, " ", inner, " ", lower, " ", upper, " ", fire);
    io:println(padded, " ", joined, " ", concatenated, " ", number, " ", s.codePointCompare(lower) < 0);
}
