import ballerina/io;

public function main() {
    xml x = xml `<a><b/></a>`;
    {
        xmlns "http://example.com/b" as b;
        io:println(x/<b:b>);
    }
    io:println(x/<b:b>); // @error undefined namespace prefix 'b'
}
