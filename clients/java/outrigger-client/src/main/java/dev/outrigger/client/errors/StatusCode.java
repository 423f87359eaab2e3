package dev.outrigger.client.errors;

/**
 * The gRPC status codes the sidecar reports in its error envelope
 * ({@code {"code","message","details"}}), with the HTTP status each maps to.
 */
public enum StatusCode {
    OK(0, 200),
    CANCELLED(1, 499),
    UNKNOWN(2, 500),
    INVALID_ARGUMENT(3, 400),
    DEADLINE_EXCEEDED(4, 504),
    NOT_FOUND(5, 404),
    ALREADY_EXISTS(6, 409),
    PERMISSION_DENIED(7, 403),
    RESOURCE_EXHAUSTED(8, 429),
    FAILED_PRECONDITION(9, 409),
    ABORTED(10, 409),
    OUT_OF_RANGE(11, 410),
    UNIMPLEMENTED(12, 501),
    INTERNAL(13, 500),
    UNAVAILABLE(14, 503),
    DATA_LOSS(15, 500),
    UNAUTHENTICATED(16, 401);

    private final int value;
    private final int httpStatus;

    StatusCode(int value, int httpStatus) {
        this.value = value;
        this.httpStatus = httpStatus;
    }

    /** @return the numeric gRPC code */
    public int value() {
        return value;
    }

    /** @return the HTTP status the sidecar answers with for this code */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * @param value a numeric gRPC code
     * @return the code, or {@link #UNKNOWN} for a value outside the table
     */
    public static StatusCode of(int value) {
        for (StatusCode c : values()) {
            if (c.value == value) {
                return c;
            }
        }
        return UNKNOWN;
    }

    /**
     * Guesses the code from an HTTP status, for answers that carry no envelope.
     *
     * @param httpStatus an HTTP status
     * @return the matching code
     */
    public static StatusCode fromHttpStatus(int httpStatus) {
        switch (httpStatus) {
            case 400: return INVALID_ARGUMENT;
            case 401: return UNAUTHENTICATED;
            case 403: return PERMISSION_DENIED;
            case 404: return NOT_FOUND;
            case 409: return ABORTED;
            case 410: return OUT_OF_RANGE;
            case 429: return RESOURCE_EXHAUSTED;
            case 499: return CANCELLED;
            case 501: return UNIMPLEMENTED;
            case 502: case 503: return UNAVAILABLE;
            case 504: return DEADLINE_EXCEEDED;
            default: return httpStatus >= 500 ? INTERNAL : UNKNOWN;
        }
    }
}
