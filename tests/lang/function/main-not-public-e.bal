// The program's entry point must be public.
function main() { // @error the 'main' function should be public
}
