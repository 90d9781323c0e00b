import ballerina/io;
import ballerina/lang.regexp;

public function main() {
    regexp:Groups? g = re `([a-z]+)@([a-z]+)\.com`.findGroups("mail ann@example.com now");
    if g is regexp:Groups {
        regexp:Span? user = g[1];
        regexp:Span? domain = g[2];
        if user is regexp:Span && domain is regexp:Span {
            io:println(user.substring(), " at ", domain.substring()); // @output ann at example
        }
        io:println(g[0].substring()); // @output ann@example.com
    }
}
