import ballerina/io;

// What a condition proves about an int variable lets the evaluator skip overflow checks that cannot
// fail; every place such a proof stops holding (an assignment, the next iteration of a loop, the other
// branch, a condition that proves nothing) still overflows exactly as int does.

function fib(int n) returns int {
    if n < 2 {
        return n;
    }
    return fib(n - 1) + fib(n - 2);
}

function below(int n) returns int {
    if n > 0 {
        return n;
    }
    return n - 1; // n <= 0 here: can still pass int's least value
}

function reassigned(int n) returns int {
    int k = n;
    if k < 0 {
        return 0;
    }
    k = int:MIN_VALUE;
    return k - 1;
}

function nextIteration(int n) returns int {
    int k = n;
    if k < 0 {
        return 0;
    }
    int last = 0;
    foreach int r in 0 ..< 2 {
        last = k - 1; // k >= 0 holds only before the first iteration's assignment
        k = int:MIN_VALUE;
    }
    return last;
}

function twiceUp(int first) returns int {
    int i = first;
    while i < 9223372036854775807 {
        i += 1; // i < MAX_VALUE holds here
        i += 1; // and no more here
    }
    return i;
}

function counted(int first, int last) returns int {
    int i = first;
    while i < last {
        i += 1;
    }
    return i;
}

function otherBranch(int n) returns int {
    if n >= 5 {
        return n - 5;
    } else {
        return n - 5; // n < 5: may underflow
    }
}

function either(int n, int m) returns int {
    if n < 2 || m < 2 {
        return 0;
    }
    return n - 2 + (m - 2);
}

function notBelow(int n) returns int {
    if !(n < 1) {
        return n - 1;
    }
    return -1;
}

function flipped(int n) returns int {
    if 10 > n {
        return 0;
    }
    return n - 10;
}

function greaterThan(int n, int m) returns int {
    if n > m {
        return n - 1; // n >= MIN_VALUE + 1
    }
    return 0;
}

function greaterThanTwo(int n, int m) returns int {
    if n > m {
        return n - 2; // only n - 1 is proven
    }
    return 0;
}

function skipSmall(int[] xs) returns int {
    int total = 0;
    foreach int x in xs {
        if x < 1 {
            continue;
        }
        total += x - 1;
    }
    return total;
}

function sumUpTo(int[] xs) returns int {
    int i = 0;
    int total = 0;
    while i < xs.length() {
        total += xs[i];
        i += 1;
    }
    return total;
}

function isError(int|error v) returns boolean {
    return v is error;
}

public function main() {
    io:println(fib(20)); // @output 6765
    io:println(below(3)); // @output 3
    io:println(below(-3)); // @output -4
    io:println(isError(trap below(int:MIN_VALUE))); // @output true
    io:println(reassigned(-1)); // @output 0
    io:println(isError(trap reassigned(5))); // @output true
    io:println(isError(trap nextIteration(5))); // @output true
    io:println(isError(trap twiceUp(int:MAX_VALUE - 1))); // @output true
    io:println(twiceUp(int:MAX_VALUE - 2)); // @output 9223372036854775807
    io:println(counted(int:MAX_VALUE - 3, int:MAX_VALUE)); // @output 9223372036854775807
    io:println(otherBranch(7)); // @output 2
    io:println(isError(trap otherBranch(int:MIN_VALUE + 4))); // @output true
    io:println(otherBranch(int:MIN_VALUE + 5)); // @output -9223372036854775808
    io:println(either(5, 7)); // @output 8
    io:println(either(int:MIN_VALUE, 7)); // @output 0
    io:println(notBelow(1)); // @output 0
    io:println(notBelow(int:MIN_VALUE)); // @output -1
    io:println(flipped(12)); // @output 2
    io:println(greaterThan(int:MIN_VALUE + 1, int:MIN_VALUE)); // @output -9223372036854775808
    io:println(isError(trap greaterThanTwo(int:MIN_VALUE + 1, int:MIN_VALUE))); // @output true
    io:println(skipSmall([3, int:MIN_VALUE, 0, 2])); // @output 3
    io:println(sumUpTo([1, 2, 3, 4])); // @output 10
}
