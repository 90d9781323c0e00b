final string FOLDER = "INBOX";

public function main() {
    FOLDER = "Archive"; // @error cannot assign a value to final 'FOLDER'
}
