package dev.outrigger.client;

import dev.outrigger.client.internal.wire.ConfigWire;

/** One operation of a transaction branch: a put, a delete or a get. */
public final class TxnOp {
    private final ConfigWire.TxnOp wire = new ConfigWire.TxnOp();

    private TxnOp() {
    }

    /**
     * @param key the key
     * @param value the value
     * @return a put
     */
    public static TxnOp put(String key, String value) {
        TxnOp op = new TxnOp();
        op.wire.put = new ConfigWire.TxnPut();
        op.wire.put.key = key;
        op.wire.put.value = value;
        return op;
    }

    /**
     * @param key the key
     * @param value the value
     * @param sessionId the session that makes the key ephemeral
     * @return a put of an ephemeral key
     */
    public static TxnOp put(String key, String value, long sessionId) {
        TxnOp op = put(key, value);
        op.wire.put.sessionId = sessionId;
        return op;
    }

    /**
     * @param key the key
     * @return a delete of one key
     */
    public static TxnOp delete(String key) {
        TxnOp op = new TxnOp();
        op.wire.delete = new ConfigWire.TxnDelete();
        op.wire.delete.key = key;
        return op;
    }

    /**
     * @param prefix the prefix
     * @return a delete of every key under the prefix
     */
    public static TxnOp deletePrefix(String prefix) {
        TxnOp op = delete(prefix);
        op.wire.delete.prefix = true;
        return op;
    }

    /**
     * @param key the key
     * @return a read of one key
     */
    public static TxnOp get(String key) {
        TxnOp op = new TxnOp();
        op.wire.get = new ConfigWire.TxnGet();
        op.wire.get.key = key;
        return op;
    }

    /**
     * @param prefix the prefix
     * @return a read of every key under the prefix
     */
    public static TxnOp getPrefix(String prefix) {
        TxnOp op = get(prefix);
        op.wire.get.prefix = true;
        return op;
    }

    ConfigWire.TxnOp wire() {
        return wire;
    }
}
