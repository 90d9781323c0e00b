import ballerina/io;

// lang.xml functions (Ballerina library lang.xml), as methods and as `xml:f(...)` calls.
public function main() returns error? {
    xml:Element book = xml:createElement("book", {"id": "7"}, xml `<title>Dune</title>`);
    io:println(book); // @output <book id="7"><title>Dune</title></book>
    book.setName("novel");
    io:println(book.getName()); // @output novel
    book.setChildren("Dune & more");
    io:println(book); // @output <novel id="7">Dune &amp; more</novel>
    book.setChildren(xml `<t>x</t>`);
    io:println(book.getChildren()); // @output <t>x</t>
    map<string> attrs = book.getAttributes();
    attrs["lang"] = "en";
    io:println(book); // @output <novel id="7" lang="en"><t>x</t></novel>

    xml:Comment c = xml:createComment("note");
    xml:ProcessingInstruction pi = xml:createProcessingInstruction("php", "echo 1;");
    xml:Text t = xml:createText("plain");
    xml all = xml:concat(c, pi, t, "more", book);
    io:println(all); // @output <!--note--><?php echo 1;?>plainmore<novel id="7" lang="en"><t>x</t></novel>
    io:println(all.length()); // @output 4
    io:println((<xml:Element>all.get(3)).getName()); // @output novel
    io:println(all.slice(1, 3)); // @output <?php echo 1;?>plainmore
    io:println(all.slice(2)); // @output plainmore<novel id="7" lang="en"><t>x</t></novel>
    io:println(all.text()); // @output plainmore
    io:println(all.strip().length()); // @output 2
    io:println(xml `  <a/> <!--x--> <b/>  `.strip()); // @output <a/><b/>

    xml seq = xml `<a><x>1</x>two</a><b><y>3</y></b><a>4</a>`;
    io:println(seq.elements("a")); // @output <a><x>1</x>two</a><a>4</a>
    io:println(seq.children()); // @output <x>1</x>two<y>3</y>4
    io:println(seq.elementChildren()); // @output <x>1</x><y>3</y>
    io:println(seq.elementChildren("y")); // @output <y>3</y>
    io:println(seq.filter(i => i is xml:Element && i.getName() == "b")); // @output <b><y>3</y></b>
    io:println(seq.map(i => xml `<w>${i}</w>`).length()); // @output 3
    int count = 0;
    seq.forEach(function(xml i) {
        count += 1;
    });
    io:println(count); // @output 3
    io:println(seq.data()); // @output 1two34

    xml parsed = check xml:fromString("<doc><p>hi</p></doc>");
    io:println(parsed/<p>); // @output <p>hi</p>
    xml|error bad = xml:fromString("<doc><p>hi</doc>");
    io:println(bad is error); // @output true
    io:println(xml:XMLNS_NAMESPACE_URI); // @output http://www.w3.org/2000/xmlns/
}
