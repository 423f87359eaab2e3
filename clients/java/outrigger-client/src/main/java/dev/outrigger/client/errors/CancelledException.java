package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** The call was cancelled, e.g. the calling thread was interrupted (CANCELLED). A write may or may not have happened. */
public class CancelledException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public CancelledException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public CancelledException(String message, Throwable cause) {
        this(StatusCode.CANCELLED, message, null, cause);
    }
}
