import ballerina/io;

// XML template expressions (spec "XML template expression"; Ballerina by Example: xml, xml-templates).
string url = "https://ballerina.io";

xml content = xml `<a href="${url}">Ballerina</a> is an <em>exciting</em> new language!`;

xml p = xml `<p>${content}</p>`;

public function main() {
    xml x1 = xml `<book>The Lost World</book>`;
    io:println(x1); // @output <book>The Lost World</book>
    xml x2 = xml `Hello, world!`;
    io:println(x2); // @output Hello, world!
    xml x3 = xml `<!--I am a comment-->`;
    io:println(x3); // @output <!--I am a comment-->
    xml x4 = xml `<?target data?>`;
    io:println(x4); // @output <?target data?>
    xml x5 = x1 + x2 + x3 + x4;
    io:println(x5); // @output <book>The Lost World</book>Hello, world!<!--I am a comment--><?target data?>
    io:println(x5.length()); // @output 4
    io:println(content); // @output <a href="https://ballerina.io">Ballerina</a> is an <em>exciting</em> new language!
    io:println(p); // @output <p><a href="https://ballerina.io">Ballerina</a> is an <em>exciting</em> new language!</p>

    // interpolated strings are character data: printing escapes them
    string s = "a < b & c > d";
    xml e = xml `<q>${s}</q>`;
    io:println(e); // @output <q>a &lt; b &amp; c &gt; d</q>
    io:println(e.data()); // @output a < b & c > d
    string quote = "say \"hi\" & <go>";
    xml attr = xml `<q title="${quote}"/>`;
    io:println(attr); // @output <q title="say &quot;hi&quot; &amp; &lt;go&gt;"/>
    io:println(attr.title); // @output say "hi" & <go>

    // entity and character references, CDATA
    xml ent = xml `<r>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;<![CDATA[<raw> & ]]>.</r>`;
    io:println(ent); // @output <r>&lt;&amp;&gt;"'AB&lt;raw&gt; &amp; .</r>
    io:println(ent.data()); // @output <&>"'AB<raw> & .

    // empty elements keep the form they were written in; other values interpolate as text
    xml empties = xml `<a/><b></b><c>${42}${true}</c>`;
    io:println(empties); // @output <a/><b></b><c>42true</c>
    xml none = xml ``;
    io:println(none.length()); // @output 0
    io:println(xml `${"a"}${"b"}`.length()); // @output 1
}
