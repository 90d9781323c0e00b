import ballerina/io;

// lang.xml setChildren panics if the element would become its own descendant.
public function main() {
    xml:Element parent = xml `<p><c/></p>`;
    xml:Element child = <xml:Element>(parent/<c>);
    child.setChildren(xml `<leaf/>`);
    io:println(parent); // @output <p><c><leaf/></c></p>
    child.setChildren(parent); // @panic Cycle detected
}
