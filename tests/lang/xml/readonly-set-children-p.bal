import ballerina/io;

public function main() {
    xml:Element e = xml `<a>x</a>`;
    readonly & xml:Element frozen = e.cloneReadOnly();
    io:println(frozen); // @output <a>x</a>
    io:println(frozen is readonly); // @output true
    io:println(e is readonly); // @output false
    frozen.setChildren("y"); // @panic
}
