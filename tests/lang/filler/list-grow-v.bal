import ballerina/io;

type Settings record {
    int retries = 3;
    string mode = "fast";
};

public function main() {
    // spec: assigning past the end of a list fills the gap with the member type's filler value
    float[] fs = [];
    fs[2] = 1.5;
    io:println(fs); // @output [0.0,0.0,1.5]
    decimal[] ds = [];
    ds[1] = 2.5d;
    io:println(ds); // @output [0,2.5]
    string[] ss = [];
    ss[2] = "z";
    io:println(ss); // @output ["","","z"]
    boolean[] bs = [];
    bs[1] = true;
    io:println(bs); // @output [false,true]
    int?[] opt = [];
    opt[2] = 3;
    io:println(opt); // @output [null,null,3]
    Settings[] cfg = [];
    cfg[1] = {retries: 1};
    io:println(cfg); // @output [{"retries":3,"mode":"fast"},{"retries":1,"mode":"fast"}]
    map<int>[] maps = [];
    maps[1] = {a: 1};
    io:println(maps); // @output [{},{"a":1}]
    [int, string][] pairs = [];
    pairs[1] = [1, "a"];
    io:println(pairs); // @output [[0,""],[1,"a"]]
}
