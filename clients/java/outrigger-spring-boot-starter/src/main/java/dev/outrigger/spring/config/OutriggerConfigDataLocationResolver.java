package dev.outrigger.spring.config;

import dev.outrigger.spring.OutriggerProperties;
import java.util.List;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Resolves {@code spring.config.import=outrigger:} (prefix from
 * {@code outrigger.config.prefix}, default {@code config/${spring.application.name}/}) and
 * {@code outrigger:some/prefix/}.
 */
public class OutriggerConfigDataLocationResolver implements ConfigDataLocationResolver<OutriggerConfigDataResource> {
    /** The location prefix. */
    public static final String PREFIX = "outrigger:";

    @Override
    public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return location.hasPrefix(PREFIX);
    }

    @Override
    public List<OutriggerConfigDataResource> resolve(ConfigDataLocationResolverContext context,
            ConfigDataLocation location) {
        Binder binder = context.getBinder();
        OutriggerProperties properties = binder.bind("outrigger", OutriggerProperties.class)
                .orElseGet(OutriggerProperties::new);
        String prefix = location.getNonPrefixedValue(PREFIX);
        if (prefix.isBlank()) {
            prefix = binder.bind("outrigger.config.prefix", String.class).orElseGet(() -> "config/"
                    + binder.bind("spring.application.name", String.class).orElse("application") + "/");
        }
        return List.of(new OutriggerConfigDataResource(ConfigKeys.normalizePrefix(prefix), properties,
                location.isOptional()));
    }
}
