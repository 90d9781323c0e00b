import ballerina/io;

function connect(string host, int port, boolean tls) returns string {
    return string `${host}:${port} tls=${tls}`;
}

public function main() {
    io:println(connect(port = 993, tls = true, host = "imap")); // @output imap:993 tls=true
    io:println(connect("pop", tls = false, port = 110)); // @output pop:110 tls=false
}
