// Words that make a message urgent; set under [acme.mail_triage.triage] in Config.toml.
configurable string[] urgentWords = ["urgent"];

public enum Priority {
    HIGH,
    NORMAL
}

public function priorityOf(string subject) returns Priority {
    string lowered = subject.toLowerAscii();
    foreach string word in urgentWords {
        if lowered.includes(word) {
            return HIGH;
        }
    }
    return NORMAL;
}
