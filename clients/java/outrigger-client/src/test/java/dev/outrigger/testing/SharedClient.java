package dev.outrigger.testing;

import dev.outrigger.client.OutriggerClient;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A client of the {@link Sidecar#shared() shared sidecar} for one test class, built before
 * its tests and closed after them:
 * {@code @RegisterExtension static final SharedClient CLIENT = new SharedClient();}
 */
public final class SharedClient implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<OutriggerClient.Builder> settings;
    private OutriggerClient client;

    /** A client with the default settings. */
    public SharedClient() {
        this(b -> b);
    }

    /** @param settings changes to the builder's settings */
    public SharedClient(UnaryOperator<OutriggerClient.Builder> settings) {
        this.settings = settings;
    }

    /** @return the client */
    public OutriggerClient get() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        client = settings.apply(OutriggerClient.builder().endpoint(Sidecar.shared().endpoint())).build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
    }
}
