package dev.outrigger.client.errors;

import java.util.List;
import java.util.Map;

/** Turns an error envelope into the matching typed exception. */
public final class Errors {
    private Errors() {
    }

    /**
     * @param code the envelope's gRPC code
     * @param message the envelope's message
     * @param details the envelope's details
     * @return the exception for that code
     */
    public static OutriggerException of(StatusCode code, String message, List<Map<String, Object>> details) {
        switch (code) {
            case INVALID_ARGUMENT: return new InvalidArgumentException(code, message, details, null);
            case UNAUTHENTICATED: return new UnauthenticatedException(code, message, details, null);
            case PERMISSION_DENIED: return new PermissionDeniedException(code, message, details, null);
            case NOT_FOUND: return new NotFoundException(code, message, details, null);
            case ABORTED:
            case ALREADY_EXISTS: return new ConflictException(code, message, details, null);
            case FAILED_PRECONDITION: return new FailedPreconditionException(code, message, details, null);
            case OUT_OF_RANGE: return new OutOfRangeException(code, message, details, null);
            case RESOURCE_EXHAUSTED: return new ResourceExhaustedException(code, message, details, null);
            case CANCELLED: return new CancelledException(code, message, details, null);
            case DEADLINE_EXCEEDED: return new DeadlineExceededException(code, message, details, null);
            case UNAVAILABLE: return new UnavailableException(code, message, details, null);
            case INTERNAL:
            case UNKNOWN:
            case DATA_LOSS: return new InternalException(code, message, details, null);
            default: return new OutriggerException(code, message, details, null);
        }
    }
}
