package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** No such key, session, lock holder or leader (HTTP 404, NOT_FOUND). */
public class NotFoundException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public NotFoundException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public NotFoundException(String message, Throwable cause) {
        this(StatusCode.NOT_FOUND, message, null, cause);
    }
}
