package dev.crosspost.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers the integration tests talk to, started once per JVM (Prosody, GreenMail, the SMS
 * gateway stand-in), and the properties that point Crosspost at them.
 */
public final class TestServers {

    private TestServers() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        // Each adapter's servers add themselves here.
    }
}
