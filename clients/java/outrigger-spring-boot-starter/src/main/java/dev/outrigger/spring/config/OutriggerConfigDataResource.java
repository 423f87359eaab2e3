package dev.outrigger.spring.config;

import dev.outrigger.spring.OutriggerProperties;
import java.util.Objects;
import org.springframework.boot.context.config.ConfigDataResource;

/** The config entries under one prefix of one sidecar, as a config data resource. */
public class OutriggerConfigDataResource extends ConfigDataResource {
    private final String prefix;
    private final OutriggerProperties properties;
    private final boolean optional;

    /**
     * @param prefix the key prefix, ending in {@code /}
     * @param properties how to reach the sidecar
     * @param optional whether an unreachable sidecar is skipped ({@code optional:outrigger:})
     */
    public OutriggerConfigDataResource(String prefix, OutriggerProperties properties, boolean optional) {
        super(optional);
        this.prefix = prefix;
        this.properties = properties;
        this.optional = optional;
    }

    /** @return whether an unreachable sidecar is skipped */
    public boolean optional() {
        return optional;
    }

    /** @return the key prefix */
    public String prefix() {
        return prefix;
    }

    /** @return how to reach the sidecar */
    public OutriggerProperties properties() {
        return properties;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutriggerConfigDataResource && ((OutriggerConfigDataResource) o).prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix);
    }

    @Override
    public String toString() {
        return "outrigger:" + prefix;
    }
}
