package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** The caller is not in the state the call needs, e.g. proclaim by a non-leader (HTTP 409, FAILED_PRECONDITION). */
public class FailedPreconditionException extends ConflictException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public FailedPreconditionException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public FailedPreconditionException(String message, Throwable cause) {
        this(StatusCode.FAILED_PRECONDITION, message, null, cause);
    }
}
