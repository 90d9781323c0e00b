// construct: operators — unary + - ! ~; * / %; + -; << >> >>>; ..< range; < <= > >=; == != === !==; & ^ |; && ||;
//            conditional ?: and elvis ?: ; precedence with and without parentheses
import ballerina/io;

public function main() {
    int a = 7;
    int b = 3;
    int neg = -a;
    int pos = +b;
    int inverted = ~a;
    boolean flag = !(a > b);
    int arithmetic = a + b * 2 - (a - b) / 2 % 3;
    int shifted = (a << 2) + (a >> 1) + (-16 >>> 28);
    int bits = a & b | a ^ b;
    boolean cmp = a < b || a <= b || a > b && a >= b;
    boolean eq = a == 7 && b != 4;
    int[] list1 = [1, 2];
    int[] list2 = list1;
    boolean same = list1 === list2 && list1 !== [1, 2];
    string? maybe = ();
    string chosen = maybe ?: "default";
    string size = a > 5 ? "big" : "small";
    int total = 0;
    foreach int i in b ..< a {
        total += i;
    }
    float ratio = <float>a / 2.0;
    boolean nested = (a > 1 ? b : a) == 3;
    io:println(neg, " ", pos, " ", inverted, " ", flag, " ", arithmetic, " ", shifted, " ", bits);
    io:println(cmp, " ", eq, " ", same, " ", chosen, " ", size, " ", total, " ", ratio, " ", nested);
}
