import ballerina/io;

// A built-in type's keyword used as an expression is its typedesc (spec, "Type descriptor expressions"),
// `xml`, `readonly` and `error` among them.
function isOfType(anydata v, typedesc<anydata> t) returns boolean {
    anydata|error r = v.ensureType(t);
    return r is anydata;
}

public function main() {
    anydata doc = xml `<a>1</a>`;
    io:println(doc is xml); // @output true
    xml x = checkpanic doc.ensureType(xml);
    io:println(x); // @output <a>1</a>
    io:println(isOfType(doc, xml)); // @output true
    io:println(isOfType(3, xml)); // @output false
    io:println(isOfType([1, 2].cloneReadOnly(), readonly)); // @output true
    io:println(isOfType([1, 2], readonly)); // @output false
    typedesc<error> te = error;
    error e = error("boom");
    io:println(e is error); // @output true
    io:println(te is typedesc<error>); // @output true
    typedesc<xml> tx = xml;
    io:println(tx is typedesc<xml>); // @output true
}
