// An `isolated` module variable is reachable only inside a `lock` statement, wherever the reference is.
isolated int delivered = 0;

function countDelivery() {
    delivered += 1; // @error invalid access of an 'isolated' variable outside a 'lock' statement
}

public function main() {
    countDelivery();
}
