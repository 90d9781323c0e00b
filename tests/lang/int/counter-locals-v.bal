import ballerina/io;

// Locals only ever counted up from a non-negative start index lists and divide like any int; one that
// is also assigned otherwise (here in a closure, or by destructuring) keeps every check.

function walk(int[] xs) returns int {
    int i = 0;
    int total = 0;
    while i < xs.length() {
        total += xs[i];
        i += 2;
    }
    int half = xs.length() / 2;
    return total * 100 + half;
}

function stepBack(int[] xs) returns int {
    int i = 0;
    function () back = function() {
        i = -1;
    };
    back();
    return xs[i];
}

function swapped(int[] xs) returns int {
    int i = 0;
    int j = 3;
    [i, j] = [-2, i];
    return xs[i] + j;
}

public function main() {
    io:println(walk([1, 2, 3, 4, 5])); // @output 902
    int|error back = trap stepBack([7, 8]);
    io:println(back is error); // @output true
    int|error swap = trap swapped([7, 8]);
    io:println(swap is error); // @output true
}
