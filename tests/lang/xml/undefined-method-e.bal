import ballerina/io;

public function main() {
    xml x = xml `<a/>`;
    io:println(x.length());
    io:println(x.lenght()); // @error undefined function 'lenght' in type 'xml'
}
