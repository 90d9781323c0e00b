import ballerina/io;

// `xmlns` declarations at module and block level, prefixed names, and how namespace declarations print
// (spec "XML namespace declarations"; Ballerina by Example: xmlns-declarations, xml-namespaces).
xmlns "http://example.com" as eg;

xml:Element e = xml `<p:e xmlns:p="http://example.com/"/>`;

xmlns "http://ballerina.com/b" as ns1;

public function main() {
    xml x = xml `<eg:doc>Hello</eg:doc>`;
    xmlns "http://example.com" as ex;
    boolean b = x === x.<ex:doc>;
    io:println(b); // @output true
    string exdoc = ex:doc;
    io:println(exdoc); // @output {http://example.com}doc
    io:println(e.getName()); // @output {http://example.com/}e
    io:println(x); // @output <eg:doc xmlns:eg="http://example.com">Hello</eg:doc>

    // module-level declarations a literal does not use are not copied into it
    xml plain = xml `<root>hello</root>`;
    io:println(plain); // @output <root>hello</root>
    xmlns "http://ballerina.com/";
    xml dflt = xml `<root>hello</root>`;
    io:println(dflt); // @output <root xmlns="http://ballerina.com/">hello</root>
    io:println(dflt.getName()); // @output {http://ballerina.com/}root
    xml q = xml `<ns1:root>hello</ns1:root>`;
    io:println(q); // @output <ns1:root xmlns="http://ballerina.com/" xmlns:ns1="http://ballerina.com/b">hello</ns1:root>
    nested();
}

function nested() {
    xmlns "http://wso2.com/" as ns0;
    xml x = xml `<ns0:foo a="hello world" xmlns:ns1="http://ballerinalang.org/"><ns1:bar1>hello1</ns1:bar1><bar2>hello2</bar2></ns0:foo>`;
    map<string> attrs = x.getAttributes();
    attrs[ns0:b] = "active";
    io:println(x); // @output <ns0:foo xmlns:ns0="http://wso2.com/" xmlns:ns1="http://ballerinalang.org/" a="hello world" ns0:b="active"><ns1:bar1>hello1</ns1:bar1><bar2>hello2</bar2></ns0:foo>
    io:println(x.getAttributes()); // @output {"{http://www.w3.org/2000/xmlns/}ns0":"http://wso2.com/","a":"hello world","{http://www.w3.org/2000/xmlns/}ns1":"http://ballerinalang.org/","{http://wso2.com/}b":"active"}
    io:println(x.ns0:b); // @output active
    // a child printed on its own declares the namespaces it uses
    io:println(x/*); // @output <ns1:bar1 xmlns:ns1="http://ballerinalang.org/">hello1</ns1:bar1><bar2>hello2</bar2>
    io:println(x/<ns1:bar1>.length()); // @output 0
    io:println(x/<ns0:*>.length()); // @output 0
    io:println((x/<*>).length()); // @output 2
    xml r = xml `<root xmlns:ns0="http://ballerinalang.com/"><ns0:foo>hello</ns0:foo></root>`;
    io:println(r); // @output <root xmlns:ns0="http://ballerinalang.com/"><ns0:foo>hello</ns0:foo></root>
    io:println(r/<*>); // @output <ns0:foo xmlns:ns0="http://ballerinalang.com/">hello</ns0:foo>
}
