import ballerina/io;

// The arguments of a call through a function value are typed by the parameters of the value's static
// function type, as those of a direct call are: an int literal passed to a `float` parameter is a float.
type Scale function (float x, decimal d) returns float;

function describe(float x, decimal d) returns float {
    io:println(x, " ", d, " ", x is float, " ", d is decimal);
    return x * 2;
}

public function main() {
    Scale s = describe;
    float r = s(1, 2); // @output 1.0 2 true true
    io:println(r); // @output 2.0
    function (float...) returns float sum = function(float... xs) returns float {
        float total = 0;
        foreach float x in xs {
            total += x;
        }
        return total;
    };
    io:println(sum(1, 2, 3)); // @output 6.0
    Scale[] scales = [describe, (a, b) => a + <float>b];
    foreach Scale each in scales {
        io:println(each(3, 1)); // @output 3.0 1 true true
        // @output 6.0
        // @output 4.0
    }
}
