package com.switchboard.mail.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.MessagingException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class MailDeliveryTest {

    @Test
    void theReasonNamesTheFailureAndItsCausesOnceOnOneLine() {
        var failure = new MessagingException("Couldn't connect to host, port: 127.0.0.1, 2525;\n timeout 15000",
                new ConnectException("Connection refused"));
        assertEquals("Couldn't connect to host, port: 127.0.0.1, 2525; timeout 15000: Connection refused",
                MailDelivery.reason(failure));
        var repeated = new MessagingException("550 no such user", new MessagingException("550 no such user"));
        assertEquals("550 no such user", MailDelivery.reason(repeated));
    }
}
