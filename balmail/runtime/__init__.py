"""The value model at run time: values, types, operators, errors, the sandbox, strands and function
objects. Both lib/ and the compiler build on it; it imports neither (see docs/structure.md)."""
