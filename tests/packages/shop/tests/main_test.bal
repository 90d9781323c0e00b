function testGreeting() {
    string g = greeting();
}
