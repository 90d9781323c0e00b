// Request.setHeader panics on a header name that is not an HTTP token.
import ballerina/http;

public function main() {
    http:Request req = new;
    req.setHeader("X-Ok", "fine");
    req.setHeader("not a name", "value"); // @panic invalid header name
}
