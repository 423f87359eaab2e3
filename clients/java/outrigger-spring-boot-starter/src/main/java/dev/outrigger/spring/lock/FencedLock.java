package dev.outrigger.spring.lock;

import java.util.concurrent.locks.Lock;

/**
 * A {@link Lock} from the {@link OutriggerLockRegistry}, with the fencing token of the
 * current grant. Pass the token along with every write the lock protects, so a store can
 * refuse a write from a holder that lost the lock without knowing it.
 */
public interface FencedLock extends Lock {

    /**
     * @return the fencing token of the current grant, larger than that of any grant before it
     * @throws IllegalStateException when the lock is not held
     */
    long fencingToken();

    /** @return whether the lock is held now (by this process), and its grant not lost */
    boolean isHeld();
}
