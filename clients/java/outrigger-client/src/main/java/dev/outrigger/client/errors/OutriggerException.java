package dev.outrigger.client.errors;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Base of every error the client reports: a failed call, mapped from the sidecar's
 * error envelope ({@code {"code","message","details"}}) or from a transport failure.
 * Unchecked, like the errors of Spring's data access layer.
 */
public class OutriggerException extends RuntimeException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final StatusCode code;
    private final transient List<Map<String, Object>> details;

    /**
     * @param code the gRPC code
     * @param message what went wrong, as the sidecar said it
     * @param details the envelope's details (may be empty)
     * @param cause the underlying failure, or null
     */
    public OutriggerException(StatusCode code, String message, List<Map<String, Object>> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = details == null ? Collections.emptyList() : Collections.unmodifiableList(details);
    }

    /** @return the gRPC code of the failure */
    public StatusCode code() {
        return code;
    }

    /** @return the envelope's {@code details}, usually empty */
    public List<Map<String, Object>> details() {
        return details;
    }

    /**
     * A write that failed this way may or may not have taken effect; the client never
     * retries it. True for {@link StatusCode#UNAVAILABLE} after the request was sent,
     * {@link StatusCode#DEADLINE_EXCEEDED}, {@link StatusCode#CANCELLED} and
     * {@link StatusCode#UNKNOWN}/{@link StatusCode#INTERNAL}.
     *
     * @return whether the outcome of the call is unknown
     */
    public boolean isOutcomeUnknown() {
        switch (code) {
            case DEADLINE_EXCEEDED:
            case CANCELLED:
            case UNKNOWN:
            case INTERNAL:
                return true;
            case UNAVAILABLE:
                return !(this instanceof UnavailableException) || ((UnavailableException) this).mayHaveReachedServer();
            default:
                return false;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " (" + code + "): " + getMessage();
    }
}
