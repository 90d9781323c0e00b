import ballerina/io;

// io:fileWriteXml checks its XmlWriteOptions before it opens the file: a document entity (the default)
// is never appended and has a single root. Reading and writing go through the sandbox's file
// permissions, which a conformance program does not have, so both are refused with an io:Error.
public function main() {
    xml note = xml `<note><to>Tove</to></note>`;
    io:Error? appended = io:fileWriteXml("notes.xml", note, io:APPEND);
    if appended is io:Error {
        io:println(appended.message()); // @output The file append operation is not allowed for Document Entity
    }
    io:Error? twoRoots = io:fileWriteXml("notes.xml", xml `<a/><b/>`);
    if twoRoots is io:Error {
        io:println(twoRoots.message()); // @output The XML Document can only contains single root
    }
    io:Error? written = io:fileWriteXml("notes.xml", note, doctype = {system: "Note.dtd"});
    io:println(written is io:Error && written.message().startsWith("permission denied: writing")); // @output true
    io:Error? entity = io:fileWriteXml("notes.xml", xml `<a/><b/>`, io:APPEND,
            xmlEntityType = io:EXTERNAL_PARSED_ENTITY);
    io:println(entity is io:Error && entity.message().startsWith("permission denied: writing")); // @output true
    xml|io:Error read = io:fileReadXml("notes.xml");
    io:println(read is io:Error && read.message().startsWith("permission denied: reading")); // @output true
}
