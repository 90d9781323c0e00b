// anydata holds plain data: a list whose members may be errors is not anydata.
public function main() {
    error[] failures = [error("timeout")];
    anydata payload = failures; // @error incompatible types: expected 'anydata', found 'error[]'
    _ = payload;
}
