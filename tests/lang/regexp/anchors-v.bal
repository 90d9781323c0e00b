import ballerina/io;

public function main() {
    string:RegExp prefix = re `^(Re|Fwd):\s*`;
    io:println(prefix.replace("Re: hello", "")); // @output hello
    io:println(prefix.replace("Subject Re: x", "")); // @output Subject Re: x
    io:println(re `end$`.find("the end") is ()); // @output false
}
