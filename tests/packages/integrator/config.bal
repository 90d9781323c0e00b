configurable string host = "localhost";
configurable int port = 993;
configurable string username = "support@localhost";
configurable string password = ?;
configurable decimal pollingInterval = 30;
// PEM file of the mail server's CA.
configurable string certPath = "certs/ca.crt";
configurable string referencePrefix = "SUP";
