package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** The call did not finish within its deadline (HTTP 504 or the client's own deadline). A write may or may not have happened: it is never retried. */
public class DeadlineExceededException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public DeadlineExceededException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public DeadlineExceededException(String message, Throwable cause) {
        this(StatusCode.DEADLINE_EXCEEDED, message, null, cause);
    }
}
