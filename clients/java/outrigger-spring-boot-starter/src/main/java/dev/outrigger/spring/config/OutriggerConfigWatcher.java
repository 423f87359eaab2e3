package dev.outrigger.spring.config;

import dev.outrigger.client.ConfigListener;
import dev.outrigger.client.OutriggerClient;
import dev.outrigger.client.Watch;
import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Keeps every {@link OutriggerPropertySource} of the environment live: one watch per
 * prefix from the revision after the one it was loaded at, so no change is missed; each
 * revision that changes properties updates the source in place and publishes one
 * {@link OutriggerConfigChangedEvent} with the changed names (key-level, no refresh storm).
 */
public class OutriggerConfigWatcher implements SmartLifecycle {
    private static final Log LOG = LogFactory.getLog(OutriggerConfigWatcher.class);

    private final OutriggerClient client;
    private final ConfigurableEnvironment environment;
    private final ApplicationEventPublisher publisher;
    private final List<Watch> watches = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param client the client
     * @param environment the environment holding the property sources
     * @param publisher publishes the change events
     */
    public OutriggerConfigWatcher(OutriggerClient client, ConfigurableEnvironment environment,
            ApplicationEventPublisher publisher) {
        this.client = client;
        this.environment = environment;
        this.publisher = publisher;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        for (PropertySource<?> ps : environment.getPropertySources()) {
            if (ps instanceof OutriggerPropertySource) {
                OutriggerPropertySource source = (OutriggerPropertySource) ps;
                watches.add(client.config().watch(source.prefix(), source.revision() + 1, listener(source.getName())));
                LOG.info("watching Outrigger config under \"" + source.prefix() + "\" from revision "
                        + (source.revision() + 1));
            }
        }
        running = true;
    }

    private ConfigListener listener(String name) {
        return new ConfigListener() {
            @Override
            public void onEvents(long revision, List<ConfigEvent> events) {
                update(name, revision, s -> s.apply(revision, events));
            }

            @Override
            public void onResync(long revision, List<ConfigEntry> entries) {
                LOG.warn("Outrigger config under " + name + " was compacted past the watch: resynced at revision "
                        + revision);
                update(name, revision, s -> s.replace(revision, entries));
            }

            @Override
            public void onError(OutriggerException error) {
                LOG.debug("Outrigger config watch reconnects: " + error);
            }

            @Override
            public void onTerminated(OutriggerException error) {
                LOG.error("Outrigger config watch stopped; live config is off until restart: " + error);
            }
        };
    }

    private void update(String name, long revision, Function<OutriggerPropertySource, Set<String>> change) {
        // looked up each time: a context refresh may have replaced the source with a fresh one
        PropertySource<?> ps = environment.getPropertySources().get(name);
        if (!(ps instanceof OutriggerPropertySource)) {
            return;
        }
        Set<String> changed = change.apply((OutriggerPropertySource) ps);
        if (!changed.isEmpty()) {
            LOG.info("Outrigger config changed at revision " + revision + ": " + changed);
            publisher.publishEvent(new OutriggerConfigChangedEvent(this, changed, revision));
        }
    }

    @Override
    public synchronized void stop() {
        watches.forEach(Watch::close);
        watches.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
