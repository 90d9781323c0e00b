"""`balmail test`: Ballerina's test framework (`ballerina/test` tests of a package) in balmail."""
