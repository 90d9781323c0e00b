import ballerina/io;

// Navigation steps over an xml value (spec "XML navigation"; Ballerina by Example, xml-navigation).
public function main() {
    xml x = xml `<items><!--Contents--><book><name>A Study in Scarlet</name><author><name>Arthur Conan Doyle</name></author></book><planner>Daily Planner<kind>day</kind><pages>365</pages></planner><book><name>The Sign of Four</name></book><pen><kind>marker</kind><color>blue</color></pen></items>`;

    io:println(x.<items>.length()); // @output 1
    io:println(x.<book>.length()); // @output 0
    io:println(x/<planner>); // @output <planner>Daily Planner<kind>day</kind><pages>365</pages></planner>
    io:println(x/<planner|pen>); // @output <planner>Daily Planner<kind>day</kind><pages>365</pages></planner><pen><kind>marker</kind><color>blue</color></pen>
    io:println((x/<*>).length()); // @output 4
    io:println((x/*).length()); // @output 5
    io:println(x/**/<name>); // @output <name>A Study in Scarlet</name><name>Arthur Conan Doyle</name><name>The Sign of Four</name>
    io:println(x/<book>[1]); // @output <book><name>The Sign of Four</name></book>
    io:println((x/<book>[5]).length()); // @output 0
    io:println(x/<pen>/<color>); // @output <color>blue</color>
    xml k = xml `<r><map>1</map><from>2</from></r>`;
    io:println(k/<map|from>); // @output <map>1</map><from>2</from>
    float q = 3.0 / <float>2;
    io:println(q); // @output 1.5
}
