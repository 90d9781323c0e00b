"""balmail: run, check and lint Ballerina email-listener programs without a JVM."""

__version__ = "0.1.0"
