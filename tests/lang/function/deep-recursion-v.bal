import ballerina/io;

function depth(int n) returns int {
    if n == 0 {
        return 0;
    }
    return 1 + depth(n - 1);
}

function ackermann(int m, int n) returns int {
    if m == 0 {
        return n + 1;
    }
    if n == 0 {
        return ackermann(m - 1, 1);
    }
    return ackermann(m - 1, ackermann(m, n - 1));
}

// merge recurses once per element: sorting 10,000 items goes 10,000 calls deep
function merge(int[] a, int ai, int[] b, int bi, int[] out) {
    if ai == a.length() && bi == b.length() {
        return;
    }
    if bi == b.length() || (ai < a.length() && a[ai] <= b[bi]) {
        out.push(a[ai]);
        merge(a, ai + 1, b, bi, out);
    } else {
        out.push(b[bi]);
        merge(a, ai, b, bi + 1, out);
    }
}

function mergeSort(int[] xs) returns int[] {
    if xs.length() <= 1 {
        return xs;
    }
    int mid = xs.length() / 2;
    int[] out = [];
    merge(mergeSort(xs.slice(0, mid)), 0, mergeSort(xs.slice(mid)), 0, out);
    return out;
}

public function main() {
    io:println(depth(12000)); // @output 12000
    io:println(ackermann(2, 400)); // @output 803
    int[] xs = [];
    foreach int i in 0 ..< 10000 {
        xs.push((i * 7919) % 10000);
    }
    int[] sorted = mergeSort(xs);
    io:println(sorted[0], " ", sorted[5000], " ", sorted[9999], " ", sorted.length()); // @output 0 5000 9999 10000
}
