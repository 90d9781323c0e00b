// BAL_TYPE_013: operators Ballerina accepts: same types, numeric literals taking the other side's type,
// nil lifting, and explicit conversions.
import ballerina/log;

public function main() {
    int size = 3;
    float weight = 1.5;
    decimal price = 2.5;
    int? missing = ();
    string text = "size: " + size.toString();
    float scaled = weight * 2 + 1;
    decimal total = price + 1;
    int? lifted = missing + 1;
    float mixed = weight + <float>size;
    log:printInfo(text, scaled = scaled, total = total, lifted = lifted, mixed = mixed);
}

function compare(int size, float weight, string? subject, int? missing) returns boolean {
    // numeric literals take the other side's type; () compares with any optional type
    return weight < 2 && size >= 1 && subject != () && missing == () && weight == 2.5 && size != 3;
}
