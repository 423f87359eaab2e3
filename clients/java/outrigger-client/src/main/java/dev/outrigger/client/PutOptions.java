package dev.outrigger.client;

import dev.outrigger.client.model.LockCondition;

/** Conditions and ownership of a config write. */
public final class PutOptions {
    private Long ifRevision;
    private Long sessionId;
    private LockCondition ifLockHeld;

    private PutOptions() {
    }

    /** @return options with no condition */
    public static PutOptions none() {
        return new PutOptions();
    }

    /**
     * Writes only if the key's mod revision is {@code revision}; 0 creates only.
     *
     * @param revision the expected mod revision
     * @return this
     */
    public PutOptions ifRevision(long revision) {
        this.ifRevision = revision;
        return this;
    }

    /**
     * Makes the key ephemeral: it vanishes when the session ends.
     *
     * @param sessionId the owning session
     * @return this
     */
    public PutOptions session(long sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    /**
     * Writes only while the lock is held with its fencing token, checked in the same etcd
     * transaction as the write.
     *
     * @param lock the held lock
     * @return this
     */
    public PutOptions ifLockHeld(Lock lock) {
        return ifLockHeld(lock.condition());
    }

    /**
     * @param condition lock name and fencing token
     * @return this
     */
    public PutOptions ifLockHeld(LockCondition condition) {
        this.ifLockHeld = condition;
        return this;
    }

    Long ifRevision() {
        return ifRevision;
    }

    Long sessionId() {
        return sessionId;
    }

    LockCondition lockCondition() {
        return ifLockHeld;
    }
}
