import ballerina/io;

public function main() returns error? {
    check io:fileWriteXml("out.xml", "<a/>"); // @error incompatible types: expected 'xml', found 'string'
    string s = check io:fileReadXml("in.xml"); // @error incompatible types
    check io:fileWriteXml("out.xml", xml `<a/>`, xmlEntityType = "DOCUMENT"); // @error
}
