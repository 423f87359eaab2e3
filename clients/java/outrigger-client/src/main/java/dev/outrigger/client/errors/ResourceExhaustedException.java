package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** Too many requests queued in the sidecar (HTTP 429, RESOURCE_EXHAUSTED). */
public class ResourceExhaustedException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public ResourceExhaustedException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public ResourceExhaustedException(String message, Throwable cause) {
        this(StatusCode.RESOURCE_EXHAUSTED, message, null, cause);
    }
}
