package dev.outrigger.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition, with a deadline: the only way tests wait. */
public final class Eventually {
    /** The deadline tests use unless they say otherwise. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /**
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void await(String what, BooleanSupplier condition) {
        await(what, DEADLINE, condition);
    }

    /**
     * @param what what is awaited, for the failure message
     * @param deadline how long to wait
     * @param condition the condition
     */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        awaitValue(what, deadline, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /**
     * @param what what is awaited
     * @param deadline how long to wait
     * @param value returns null until the value is there
     * @param <T> the value's type
     * @return the value
     */
    public static <T> T awaitValue(String what, Duration deadline, Supplier<T> value) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
