package dev.outrigger.spring.config;

/** Maps config keys under a prefix to property names: {@code config/demo/greeting/text} to {@code greeting.text}. */
final class ConfigKeys {
    private ConfigKeys() {
    }

    /**
     * @param prefix the prefix, ending in {@code /}
     * @param key a key under it
     * @return the property name, or null for the prefix itself
     */
    static String toProperty(String prefix, String key) {
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            return null;
        }
        return key.substring(prefix.length()).replace('/', '.');
    }

    /**
     * @param prefix a configured prefix
     * @return it, ending in {@code /}
     */
    static String normalizePrefix(String prefix) {
        String p = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
