import ballerina/io;

// Sums, differences and products of values known to be non-negative (a counted loop's variable from a
// non-negative start, a length, a remainder by a positive literal) still overflow exactly as int does.

function square(int lo, int hi) returns int {
    int last = 0;
    foreach int i in 0 ..< 2 {
        foreach int j in lo ..< hi {
            last = j * j + i;
        }
    }
    return last;
}

function shift(int lo) returns int {
    int last = 0;
    foreach int i in lo ..< lo + 1 {
        last = i + i;
    }
    return last;
}

function lengthPlus(string s, int n) returns int {
    return s.length() + n;
}

function differences(int n) returns int {
    int least = 0;
    foreach int i in 0 ..< n {
        foreach int j in 0 ..< n {
            int d = i - j;
            if d < least {
                least = d;
            }
        }
    }
    return least;
}

function remainders(int n) returns int {
    int total = 0;
    foreach int i in 0 ..< n {
        total += i % 7 * (i % 5);
    }
    return total;
}

public function main() {
    io:println(square(3, 5)); // @output 17
    int|error big = trap square(3037000499, 3037000501);
    io:println(big is error); // @output true
    io:println(shift(4611686018427387903)); // @output 9223372036854775806
    int|error twice = trap shift(4611686018427387904);
    io:println(twice is error); // @output true
    io:println(lengthPlus("abc", -3)); // @output 0
    io:println(lengthPlus("abc", -9223372036854775807 - 1)); // @output -9223372036854775805
    int|error past = trap lengthPlus("abc", 9223372036854775805);
    io:println(past is error); // @output true
    io:println(differences(4)); // @output -3
    io:println(remainders(10)); // @output 47
}
