package dev.outrigger.client.internal;

/** Calls user code so that its exceptions are logged and never break the client's threads. */
public final class Listeners {
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private Listeners() {
    }

    /** @param call the user's callback */
    public static void call(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            LOG.log(System.Logger.Level.WARNING, "listener failed (ignored): " + e, e);
        }
    }
}
