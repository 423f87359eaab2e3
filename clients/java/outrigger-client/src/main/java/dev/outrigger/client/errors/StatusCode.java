package dev.outrigger.client.errors;

/**
 * The gRPC status codes the sidecar reports in its error envelope
 * ({@code {"code","message","details"}}), with the HTTP status each maps to.
 */
public enum StatusCode {
    /** gRPC code 0, HTTP 200. */
    OK(0, 200),
    /** gRPC code 1, HTTP 499. */
    CANCELLED(1, 499),
    /** gRPC code 2, HTTP 500. */
    UNKNOWN(2, 500),
    /** gRPC code 3, HTTP 400. */
    INVALID_ARGUMENT(3, 400),
    /** gRPC code 4, HTTP 504. */
    DEADLINE_EXCEEDED(4, 504),
    /** gRPC code 5, HTTP 404. */
    NOT_FOUND(5, 404),
    /** gRPC code 6, HTTP 409. */
    ALREADY_EXISTS(6, 409),
    /** gRPC code 7, HTTP 403. */
    PERMISSION_DENIED(7, 403),
    /** gRPC code 8, HTTP 429. */
    RESOURCE_EXHAUSTED(8, 429),
    /** gRPC code 9, HTTP 409. */
    FAILED_PRECONDITION(9, 409),
    /** gRPC code 10, HTTP 409. */
    ABORTED(10, 409),
    /** gRPC code 11, HTTP 410. */
    OUT_OF_RANGE(11, 410),
    /** gRPC code 12, HTTP 501. */
    UNIMPLEMENTED(12, 501),
    /** gRPC code 13, HTTP 500. */
    INTERNAL(13, 500),
    /** gRPC code 14, HTTP 503. */
    UNAVAILABLE(14, 503),
    /** gRPC code 15, HTTP 500. */
    DATA_LOSS(15, 500),
    /** gRPC code 16, HTTP 401. */
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
