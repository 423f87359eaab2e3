package dev.outrigger.client.model;

/** Whether an event wrote or removed a key or an instance. */
public enum EventType {
    /** The key or instance was written. */
    PUT,
    /** The key or instance was removed. */
    DELETE
}
