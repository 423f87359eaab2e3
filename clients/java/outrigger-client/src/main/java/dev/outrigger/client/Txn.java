package dev.outrigger.client;

import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.internal.wire.ConfigWire;
import dev.outrigger.client.model.CompareOp;
import dev.outrigger.client.model.TxnResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A config transaction, built fluently and run as one etcd transaction:
 * <pre>{@code
 * TxnResponse r = client.config().txn()
 *     .ifValue("animal", "lion")
 *     .then(TxnOp.put("animal", "tiger"))
 *     .otherwise(TxnOp.get("animal"))
 *     .commit();
 * }</pre>
 * A transaction is a write: it is never retried.
 */
public final class Txn {
    private final Transport transport;
    private final List<ConfigWire.Compare> compares = new ArrayList<>();
    private final List<ConfigWire.TxnOp> then = new ArrayList<>();
    private final List<ConfigWire.TxnOp> otherwise = new ArrayList<>();

    Txn(Transport transport) {
        this.transport = transport;
    }

    /**
     * @param key the key
     * @param value the value it must have
     * @return this
     */
    public Txn ifValue(String key, String value) {
        return ifValue(key, CompareOp.EQUAL, value);
    }

    /**
     * @param key the key
     * @param op how the stored value relates to {@code value}
     * @param value the value to compare with
     * @return this
     */
    public Txn ifValue(String key, CompareOp op, String value) {
        ConfigWire.Compare c = compare(key, op);
        c.value = value;
        return this;
    }

    /**
     * @param key the key
     * @param op how the stored mod revision relates to {@code revision}
     * @param revision the revision to compare with
     * @return this
     */
    public Txn ifModRevision(String key, CompareOp op, long revision) {
        compare(key, op).modRevision = revision;
        return this;
    }

    /**
     * @param key the key
     * @param op how the stored create revision relates to {@code revision}
     * @param revision the revision to compare with
     * @return this
     */
    public Txn ifCreateRevision(String key, CompareOp op, long revision) {
        compare(key, op).createRevision = revision;
        return this;
    }

    /**
     * @param key the key
     * @param op how the stored version relates to {@code version}
     * @param version the version to compare with
     * @return this
     */
    public Txn ifVersion(String key, CompareOp op, long version) {
        compare(key, op).version = version;
        return this;
    }

    /**
     * @param key the key
     * @return this, requiring the key to exist
     */
    public Txn ifExists(String key) {
        compare(key, null).exists = true;
        return this;
    }

    /**
     * @param key the key
     * @return this, requiring the key to be absent
     */
    public Txn ifMissing(String key) {
        compare(key, null).exists = false;
        return this;
    }

    /**
     * @param ops operations to run when every compare holds
     * @return this
     */
    public Txn then(TxnOp... ops) {
        Arrays.stream(ops).map(TxnOp::wire).forEach(then::add);
        return this;
    }

    /**
     * @param ops operations to run otherwise
     * @return this
     */
    public Txn otherwise(TxnOp... ops) {
        Arrays.stream(ops).map(TxnOp::wire).forEach(otherwise::add);
        return this;
    }

    /** @return the outcome: which branch ran, and its results in order */
    public TxnResponse commit() {
        ConfigWire.TxnRequest body = new ConfigWire.TxnRequest();
        body.compare = compares;
        body.then = then;
        body.otherwise = otherwise;
        return transport.call("POST", "/v1/config:txn", body, TxnResponse.class);
    }

    private ConfigWire.Compare compare(String key, CompareOp op) {
        ConfigWire.Compare c = new ConfigWire.Compare();
        c.key = key;
        c.op = op;
        compares.add(c);
        return c;
    }
}
