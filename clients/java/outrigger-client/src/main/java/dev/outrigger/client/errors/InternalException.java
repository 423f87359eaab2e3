package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** A bug in the sidecar (HTTP 500, INTERNAL or UNKNOWN): please report it. */
public class InternalException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public InternalException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public InternalException(String message, Throwable cause) {
        this(StatusCode.INTERNAL, message, null, cause);
    }
}
