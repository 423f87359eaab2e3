package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/**
 * The sidecar cannot serve the call now (HTTP 503: no quorum, member not ready, sidecar
 * stopping) or cannot be reached at all (connection refused or reset). A write that
 * failed this way after it was sent may still take effect; it is never retried.
 */
public class UnavailableException extends OutriggerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveReachedServer;

    /**
     * @param code the gRPC code
     * @param message the sidecar's message
     * @param details the envelope's details
     * @param cause the underlying failure, or null
     */
    public UnavailableException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(code, message, details, cause);
        this.mayHaveReachedServer = true;
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     * @param mayHaveReachedServer false when the request certainly never reached the sidecar
     *     (the connection could not be opened)
     */
    public UnavailableException(String message, Throwable cause, boolean mayHaveReachedServer) {
        super(StatusCode.UNAVAILABLE, message, null, cause);
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    /** @return false when the request certainly never reached the sidecar */
    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }
}
