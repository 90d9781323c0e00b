import ballerina/io;

// A `readonly` field of an object cannot change once the object is initialised; updating it through
// a wider object type (which the compiler cannot refuse) panics with an inherent type violation
// (spec, "Object types": the readonly qualifier; jBallerina's wording).
class Student {
    readonly string name;
    int score = 0;

    function init(string name) {
        self.name = name;
    }
}

public function main() {
    Student st = new ("Amy");
    object { string name; int score; } view = st;
    view.score = 7;
    io:println(st.name, " ", st.score); // @output Amy 7
    view.name = "Jo"; // @panic cannot update 'readonly' field 'name' in object of type 'Student'
}
