// http:Request as module-ballerina-http documents it: `new`, the payload setters (a setter sets the
// default content type only when the request has none), header methods with case-insensitive names.
import ballerina/http;
import ballerina/io;

public function main() returns error? {
    http:Request req = new;
    io:println(req.hasHeader("Accept"), " ", req.getContentType().length()); // @output false 0
    req.setHeader("Accept", "text/plain");
    req.addHeader("accept", "application/json");
    io:println(check req.getHeader("ACCEPT")); // @output text/plain
    io:println(check req.getHeaders("accept")); // @output ["text/plain","application/json"]
    req.removeHeader("Accept");
    string|http:HeaderNotFoundError h = req.getHeader("Accept");
    io:println(h is http:HeaderNotFoundError); // @output true

    req.setJsonPayload({id: 7, ok: true});
    io:println(req.getContentType()); // @output application/json
    json j = check req.getJsonPayload();
    io:println(j.id); // @output 7

    http:Request text = new http:Request();
    text.setPayload("hello", "text/html");
    io:println(text.getContentType(), " ", check text.getTextPayload()); // @output text/html hello
    text.setTextPayload("again");
    io:println(text.getContentType()); // @output text/html
    text.setTextPayload("third", "text/csv");
    io:println(text.getContentType()); // @output text/csv

    http:Request empty = new;
    byte[]|http:ClientError none = empty.getBinaryPayload();
    io:println(none is http:NoContentError); // @output true
}
