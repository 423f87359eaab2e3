package dev.outrigger.spring.config;

import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigEvent;
import dev.outrigger.client.model.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The config entries under one prefix as properties, kept live by
 * {@link OutriggerConfigWatcher}: it knows the revision it reflects.
 */
public class OutriggerPropertySource extends EnumerablePropertySource<Map<String, String>> {
    /** The start of the names of Outrigger property sources. */
    public static final String NAME_PREFIX = "outrigger:";

    private final String prefix;
    private volatile long revision;

    /**
     * @param prefix the key prefix, ending in {@code /}
     * @param entries the entries under it
     * @param revision the revision they were read at
     */
    public OutriggerPropertySource(String prefix, List<ConfigEntry> entries, long revision) {
        super(NAME_PREFIX + prefix, new ConcurrentHashMap<>());
        this.prefix = prefix;
        this.revision = revision;
        for (ConfigEntry e : entries) {
            String name = ConfigKeys.toProperty(prefix, e.getKey());
            if (name != null) {
                source.put(name, e.getValue());
            }
        }
    }

    /** @return the key prefix */
    public String prefix() {
        return prefix;
    }

    /** @return the revision the properties reflect */
    public long revision() {
        return revision;
    }

    @Override
    public Object getProperty(String name) {
        return source.get(name);
    }

    @Override
    public String[] getPropertyNames() {
        return source.keySet().toArray(new String[0]);
    }

    /**
     * Applies the changes of one revision.
     *
     * @param rev the revision
     * @param events its changes
     * @return the names of the properties that changed
     */
    public synchronized Set<String> apply(long rev, List<ConfigEvent> events) {
        Set<String> changed = new TreeSet<>();
        if (rev <= revision) {
            return changed;
        }
        for (ConfigEvent e : events) {
            String name = ConfigKeys.toProperty(prefix, e.getKey());
            if (name == null) {
                continue;
            }
            String old = e.getType() == EventType.DELETE ? source.remove(name) : source.put(name, e.getValue());
            if (!Objects.equals(old, e.getType() == EventType.DELETE ? null : e.getValue())) {
                changed.add(name);
            }
        }
        revision = rev;
        return changed;
    }

    /**
     * Replaces everything with a resync's state.
     *
     * @param rev the resync's revision
     * @param entries every entry under the prefix
     * @return the names of the properties that changed
     */
    public synchronized Set<String> replace(long rev, List<ConfigEntry> entries) {
        Map<String, String> fresh = new LinkedHashMap<>();
        for (ConfigEntry e : entries) {
            String name = ConfigKeys.toProperty(prefix, e.getKey());
            if (name != null) {
                fresh.put(name, e.getValue());
            }
        }
        Set<String> changed = new TreeSet<>();
        for (String name : source.keySet()) {
            if (!fresh.containsKey(name)) {
                changed.add(name);
            }
        }
        for (Map.Entry<String, String> e : fresh.entrySet()) {
            if (!Objects.equals(source.get(e.getKey()), e.getValue())) {
                changed.add(e.getKey());
            }
        }
        source.keySet().retainAll(fresh.keySet());
        source.putAll(fresh);
        revision = rev;
        return changed;
    }
}
