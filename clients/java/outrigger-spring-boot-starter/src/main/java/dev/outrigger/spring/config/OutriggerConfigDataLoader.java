package dev.outrigger.spring.config;

import dev.outrigger.client.OutriggerClient;
import dev.outrigger.client.errors.OutriggerException;
import dev.outrigger.client.model.ConfigSnapshot;
import java.util.List;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;

/**
 * Reads the entries under the prefix once, at startup, into an {@link OutriggerPropertySource};
 * the {@link OutriggerConfigWatcher} keeps it live from the revision it was read at.
 * An unreachable sidecar fails the startup, unless the import is {@code optional:}.
 */
public class OutriggerConfigDataLoader implements ConfigDataLoader<OutriggerConfigDataResource> {

    @Override
    public ConfigData load(ConfigDataLoaderContext context, OutriggerConfigDataResource resource) {
        try (OutriggerClient client = resource.properties().buildClient()) {
            ConfigSnapshot snapshot = client.config().list(resource.prefix());
            return new ConfigData(List.of(new OutriggerPropertySource(resource.prefix(), snapshot.getEntries(),
                    snapshot.getRevision())));
        } catch (OutriggerException e) {
            if (resource.optional()) {
                throw new ConfigDataResourceNotFoundException(resource, e);
            }
            throw new IllegalStateException("cannot load config " + resource + " from the Outrigger sidecar: "
                    + e.getMessage(), e);
        }
    }
}
