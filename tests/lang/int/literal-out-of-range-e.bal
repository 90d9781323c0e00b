// An int literal must fit a signed 64-bit int; the least int is written with a minus sign.
const int LEAST = -9223372036854775808;

public function main() {
    int most = 9223372036854775807;
    int tooBig = 9223372036854775808; // @error '9223372036854775808' is out of range for 'int'
    _ = most;
    _ = tooBig;
    _ = LEAST;
}
