import ballerina/io;

// An xml template in a `readonly` context builds an immutable value; `clone` gives a mutable deep copy.
public function main() {
    readonly & xml frozen = xml `<a>x</a>`;
    io:println(frozen.isReadOnly()); // @output true
    xml mutable = xml `<a>x</a>`;
    io:println(mutable.isReadOnly()); // @output false
    xml copy = frozen.clone();
    io:println(copy.isReadOnly(), " ", copy == frozen, " ", copy === frozen); // @output false true false
    xml:Element e = xml `<a>x</a>`;
    xml:Element again = e;
    io:println(e === again); // @output true
    io:println(xml `<a/>` == xml `<a/>`, " ", xml `<a/>` == xml `<b/>`); // @output true false
}
