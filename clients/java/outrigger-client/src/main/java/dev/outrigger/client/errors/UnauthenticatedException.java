package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** The sidecar wants a bearer token and got none or a wrong one (HTTP 401, UNAUTHENTICATED). */
public class UnauthenticatedException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public UnauthenticatedException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public UnauthenticatedException(String message, Throwable cause) {
        this(StatusCode.UNAUTHENTICATED, message, null, cause);
    }
}
