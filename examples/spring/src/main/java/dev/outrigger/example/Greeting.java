package dev.outrigger.example;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/**
 * The greeting, from the config key {@code config/demo/greeting}. A {@code @RefreshScope}
 * bean: recreated with the new value when the key changes.
 */
@Component
@RefreshScope
public class Greeting {
    private final String text;

    public Greeting(@Value("${greeting:Hello from Outrigger}") String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
