import mail_triage.triage;

type Ticket record {|
    string reference;
    triage:Priority priority;
    string sender;
|};
