import ballerina/io;

// Concatenation shares items, `==` compares deeply, `x[i]`, required and optional attribute access, and
// mutation through `setChildren` seen through every sequence holding the element (Ballerina by Example:
// xml-operations).
public function main() returns error? {
    xml title = xml `<title>Dune</title>`;
    xml:Element info = xml `<info>
        <by>Frank Herbert</by>
    </info>`;
    xml both = title + info;
    io:println(both == xml `<title>Dune</title><info>
        <by>Frank Herbert</by>
    </info>`); // @output true
    io:println(both == xml `<title>Dune</title><info><by>Frank Herbert</by></info>`); // @output false
    io:println(both[0]); // @output <title>Dune</title>
    io:println(both[2].length()); // @output 0

    xml para = xml `<para id="intro">Hi</para>`;
    string id = check para.id;
    io:println(id); // @output intro
    string? lang = check para?.lang;
    io:println(lang is ()); // @output true

    info.setChildren(xml `<by>F. H.</by>`);
    io:println(info); // @output <info><by>F. H.</by></info>
    io:println(both); // @output <title>Dune</title><info><by>F. H.</by></info>
}
