package dev.outrigger.client.model;

/**
 * Fences a write: it applies only while the named lock is held with the given fencing
 * token, checked in the same etcd transaction as the write ({@code ifLockHeld}).
 */
public final class LockCondition {

    private long fencingToken;
    private String name;

    private LockCondition() {
    }

    /**
     * @param name the lock name
     * @param fencingToken the fencing token of the grant
     */
    public LockCondition(String name, long fencingToken) {
        this.name = name;
        this.fencingToken = fencingToken;
    }

    /** @return the lock name */
    public String getName() {
        return name;
    }

    /** @return the fencing token of the grant */
    public long getFencingToken() {
        return fencingToken;
    }

    @Override
    public String toString() {
        return "LockCondition{name=" + name + ", fencingToken=" + fencingToken + "}";
    }
}
