package dev.outrigger.client.model;

/** How a transaction compare relates the stored value to the given one. */
public enum CompareOp {
    /** Stored equals given (the default). */
    EQUAL,
    /** Stored differs from given. */
    NOT_EQUAL,
    /** Stored is less than given. */
    LESS,
    /** Stored is greater than given. */
    GREATER
}
