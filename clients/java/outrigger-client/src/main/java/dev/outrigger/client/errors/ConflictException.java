package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** A compare-and-set (ifRevision) or a fenced write (ifLockHeld) did not hold (HTTP 409, ABORTED). The message gives the current modRevision. */
public class ConflictException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public ConflictException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public ConflictException(String message, Throwable cause) {
        this(StatusCode.ABORTED, message, null, cause);
    }
}
