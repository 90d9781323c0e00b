import ballerina/io;

// Iterating an xml value yields its items, each a singleton xml value (spec "XML", lang.xml iterator).
public function main() {
    xml books = xml `<book>Sherlock Holmes</book><book>Hamlet</book>text<!--c--><?p d?>`;
    int n = 0;
    foreach xml item in books {
        n += 1;
        if item is xml:Element {
            io:println("element ", item.getName(), ": ", item.data());
        } else if item is xml:Text {
            io:println("text: ", item);
        } else if item is xml:Comment {
            io:println("comment: ", item.getContent());
        } else if item is xml:ProcessingInstruction {
            io:println("pi: ", item.getTarget(), " ", item.getContent());
        }
    }
    io:println(n);

    foreach var b in books.elements() {
        io:println(b);
    }

    xml:Element root = xml `<lib><b>1</b><b>2</b></lib>`;
    foreach xml:Element child in root.getChildren().elements() {
        io:println(child.data());
    }
    io:println(books[1]);
    io:println(books[9].length());
    var it = books.iterator();
    var first = it.next();
    if first !is () {
        io:println(first.value);
    }
    queries();
}
// @output element book: Sherlock Holmes
// @output element book: Hamlet
// @output text: text
// @output comment: c
// @output pi: p d
// @output 5
// @output <book>Sherlock Holmes</book>
// @output <book>Hamlet</book>
// @output 1
// @output 2
// @output <book>Hamlet</book>
// @output 0
// @output <book>Sherlock Holmes</book>
// @output ["1","2"]
// @output <n>A</n><n>B</n>

function queries() {
    xml x = xml `<l><b id="1">A</b><b id="2">B</b></l>`;
    string[] ids = from xml:Element b in x/<b> select checkpanic b.id;
    io:println(ids);
    xml names = from var b in x/<b> where b is xml:Element select xml `<n>${b.data()}</n>`;
    io:println(names);
}
