package dev.outrigger.client.internal.wire;

import java.util.List;
import java.util.Map;

/** The error envelope {@code {"code","message","details"}} (googleRpcStatus). */
public final class StatusWire {
    /** The gRPC code. */
    public int code;
    /** What went wrong. */
    public String message;
    /** Extra detail messages, usually empty. */
    public List<Map<String, Object>> details;
}
