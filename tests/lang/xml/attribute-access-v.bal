import ballerina/io;

// Attribute access on xml (spec "XML attribute access"): `x.a` is `string|error`, `x?.a` is `string|error?`.
xmlns "http://example.com/ns" as ns;

public function main() returns error? {
    xml x = xml `<root attr="attr-val" ns:attr="ns-val" xml:space="preserve"><a/></root>`;
    string v = check x.attr;
    io:println(v); // @output attr-val
    io:println(check x.ns:attr); // @output ns-val
    io:println(check x.'xml:space); // @output preserve
    string|error missing = x.name;
    if missing is error {
        io:println(missing.message()); // @output {ballerina/lang.xml}XMLOperationError
        io:println(missing.detail()["message"]); // @output attribute 'name' not found
    }
    string|error? opt = x?.name;
    io:println(opt is ()); // @output true

    xml c = xml `<!--comment-->`;
    string|error? onComment = c?.id;
    if onComment is error {
        io:println(onComment.detail()["message"]); // @output invalid xml attribute access on xml comment
    }
    xml seq = xml `<a id="1"/><a id="2"/>`;
    string|error onSeq = seq.id;
    if onSeq is error {
        io:println(onSeq.detail()["message"]); // @output invalid xml attribute access on xml sequence
    }
    io:println(check seq.<a>[1].id); // @output 2
    io:println(x.getAttributes().length()); // @output 4
}
