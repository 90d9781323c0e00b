import ballerina/email;

service on {