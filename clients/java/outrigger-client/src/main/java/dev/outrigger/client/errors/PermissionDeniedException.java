package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** The caller may not do this (HTTP 403, PERMISSION_DENIED). */
public class PermissionDeniedException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public PermissionDeniedException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public PermissionDeniedException(String message, Throwable cause) {
        this(StatusCode.PERMISSION_DENIED, message, null, cause);
    }
}
