import ballerina/io;

function domainOf(string address) returns string? {
    int? at = address.indexOf("@");
    if at is () {
        return ();
    }
    return address.substring(at + 1).toLowerAscii();
}

public function main() {
    io:println(domainOf("Ann@Example.COM")); // @output example.com
    io:println(domainOf("nobody") is ()); // @output true
}
