import ballerina/email;

email:SmtpClient smtpClient = check new ("localhost", "admin", "admin");

function sendNotification(string[] emailIds) returns error? {
    email:Message msg = {'from: "builder@abc.com", subject: "Error Alert ...", to: emailIds, body: ""};
    return check smtpClient->sendMessage(msg);
}

public client class ProductClient {
    public int productCode;
    public function init(int productCode) {
        self.productCode = productCode;
    }
    remote function name(int code) returns string {
        return "real";
    }
}

ProductClient productClient = new (1);

function productName() returns string => productClient->name(productClient.productCode);
