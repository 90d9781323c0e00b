// toBalString writes a value as an expression (lang.value `toBalString`; the strings are jBallerina's):
// a float that has no literal is written as the lang.float constant, a regular expression as its
// `re` template, and a container that contains itself marks the repeated container with how far up
// it is (`toString` writes only `...`).
import ballerina/io;

public function main() {
    float nan = 0.0 / 0.0;
    float inf = 1.0 / 0.0;
    io:println(nan.toBalString()); // @output float:NaN
    io:println(inf.toBalString(), " ", (-inf).toBalString()); // @output float:Infinity -float:Infinity
    io:println(nan.toString(), " ", inf); // @output NaN Infinity
    float[] fs = [1.5, nan, -inf];
    io:println(fs.toBalString()); // @output [1.5,float:NaN,-float:Infinity]
    io:println(fs); // @output [1.5,NaN,-Infinity]
    map<anydata> m = {x: inf};
    io:println(m.toBalString()); // @output {"x":float:Infinity}
    error e = error("bad", rate = 2.5, top = inf);
    io:println(e.toBalString()); // @output error("bad",rate=2.5,top=float:Infinity)

    string:RegExp r = re `a+\d`;
    io:println(r.toBalString()); // @output re `a+\d`
    io:println(r); // @output a+\d

    map<anydata> self = {"n": 1};
    self["me"] = self;
    io:println(self.toBalString()); // @output {"n":1,"me":...[0]}
    io:println(self); // @output {"n":1,"me":...}
    anydata[] list = [1];
    map<anydata> holder = {"l": list};
    list.push(holder);
    io:println(holder.toBalString()); // @output {"l":[1,...[1]]}
}
