package dev.outrigger.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds request paths: percent-encoded segments and query strings. */
public final class UrlPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {
    }

    /**
     * Encodes one path segment: everything but RFC 3986's unreserved characters.
     *
     * @param segment a name (lock, election, service, instance id, session id)
     * @return the encoded segment
     */
    public static String segment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Encodes a config key, which may contain {@code /}: each segment is encoded and the
     * slashes kept.
     *
     * @param key a config key
     * @return the encoded key
     */
    public static String key(String key) {
        StringBuilder out = new StringBuilder(key.length() + 8);
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '/') {
                out.append(segment(key.substring(start, i)));
                if (i < key.length()) {
                    out.append('/');
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    /** @return a new query builder */
    public static Query query() {
        return new Query();
    }

    /** A query string; parameters with null values are left out. */
    public static final class Query {
        private final Map<String, String> params = new LinkedHashMap<>();

        /**
         * @param name the parameter
         * @param value its value, or null to leave it out
         * @return this
         */
        public Query add(String name, Object value) {
            if (value != null) {
                params.put(name, String.valueOf(value));
            }
            return this;
        }

        /**
         * @param path the path to append the query to
         * @return the path with {@code ?query} when there are parameters
         */
        public String appendTo(String path) {
            if (params.isEmpty()) {
                return path;
            }
            StringBuilder out = new StringBuilder(path).append('?');
            boolean first = true;
            for (Map.Entry<String, String> p : params.entrySet()) {
                if (!first) {
                    out.append('&');
                }
                first = false;
                out.append(segment(p.getKey())).append('=').append(segment(p.getValue()));
            }
            return out.toString();
        }
    }
}
