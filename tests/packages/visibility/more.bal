function helper() {
}
