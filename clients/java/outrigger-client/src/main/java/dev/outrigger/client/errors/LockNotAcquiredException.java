package dev.outrigger.client.errors;

/** A lock was not granted within the wait the caller gave: someone else holds it. */
public class LockNotAcquiredException extends RuntimeException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final String lockName;

    /**
     * @param lockName the lock
     * @param message what happened
     */
    public LockNotAcquiredException(String lockName, String message) {
        super(message);
        this.lockName = lockName;
    }

    /** @return the lock's name */
    public String lockName() {
        return lockName;
    }
}
