package dev.outrigger.client.internal.wire;

import dev.outrigger.client.model.CompareOp;
import dev.outrigger.client.model.ConfigEvent;
import dev.outrigger.client.model.ConfigResync;
import dev.outrigger.client.model.LockCondition;
import java.util.List;

/** Request bodies and stream lines of ConfigService, as on the wire. */
public final class ConfigWire {
    private ConfigWire() {
    }

    /** Body of {@code PUT /v1/config/{key}} (ConfigServicePutBody). */
    public static final class PutBody {
        /** The value. */
        public String value;
        /** Write only if the key's mod revision equals this; 0 creates only; null: unconditional. */
        public Long ifRevision;
        /** Make the key ephemeral; null: not. */
        public Long sessionId;
        /** Write only while this lock is held with this token; null: no fence. */
        public LockCondition ifLockHeld;
    }

    /** Body of {@code POST /v1/config:txn}. */
    public static final class TxnRequest {
        /** The conditions. */
        public List<Compare> compare;
        /** Operations when every compare holds. */
        public List<TxnOp> then;
        /** Operations otherwise. */
        @com.fasterxml.jackson.annotation.JsonProperty("else")
        public List<TxnOp> otherwise;
    }

    /** One compare of a transaction: key, exactly one target, op. */
    public static final class Compare {
        /** The key. */
        public String key;
        /** Compare the value. */
        public String value;
        /** Compare the mod revision. */
        public Long modRevision;
        /** Compare the create revision. */
        public Long createRevision;
        /** Compare the version. */
        public Long version;
        /** Compare existence. */
        public Boolean exists;
        /** The relation; null means EQUAL. */
        public CompareOp op;
    }

    /** One operation of a transaction branch: exactly one of put, delete, get. */
    public static final class TxnOp {
        /** A put. */
        public TxnPut put;
        /** A delete. */
        public TxnDelete delete;
        /** A get. */
        public TxnGet get;
    }

    /** A put in a transaction. */
    public static final class TxnPut {
        /** The key. */
        public String key;
        /** The value. */
        public String value;
        /** The session that makes it ephemeral, or null. */
        public Long sessionId;
    }

    /** A delete in a transaction. */
    public static final class TxnDelete {
        /** The key. */
        public String key;
        /** Delete every key starting with key. */
        public Boolean prefix;
    }

    /** A get in a transaction. */
    public static final class TxnGet {
        /** The key. */
        public String key;
        /** Get every key starting with key. */
        public Boolean prefix;
    }

    /** One line of a config watch stream (WatchConfigResponse). */
    public static final class WatchLine extends dev.outrigger.client.internal.wire.WatchLine<ConfigEvent, ConfigResync> {
        @Override
        protected long revisionOf(ConfigResync state) {
            return state.getRevision();
        }
    }
}
