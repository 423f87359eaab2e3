package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** Bad input (HTTP 400, INVALID_ARGUMENT); the message names the field. */
public class InvalidArgumentException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public InvalidArgumentException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public InvalidArgumentException(String message, Throwable cause) {
        this(StatusCode.INVALID_ARGUMENT, message, null, cause);
    }
}
