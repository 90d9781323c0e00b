import ballerina/io;

// Interpolations stand in content and attribute values (Ballerina by Example: xml-templates), not names.
public function main() {
    string name = "a";
    xml x = xml `<${name}>text</${name}>`; // @error interpolation can stand in content and attribute values only
    io:println(x);
}
