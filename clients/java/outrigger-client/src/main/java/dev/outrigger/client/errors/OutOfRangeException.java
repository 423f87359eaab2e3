package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** A read at a compacted revision (HTTP 410, OUT_OF_RANGE); the message names the oldest readable revision. */
public class OutOfRangeException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public OutOfRangeException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public OutOfRangeException(String message, Throwable cause) {
        this(StatusCode.OUT_OF_RANGE, message, null, cause);
    }
}
