package dev.outrigger.client;

/** Told once, at once, when a held lock is lost (its session expired or was deleted). */
@FunctionalInterface
public interface LockLossListener {

    /**
     * @param lock the lost lock; stop the work it protects
     * @param reason why it was lost
     */
    void onLost(Lock lock, String reason);
}
