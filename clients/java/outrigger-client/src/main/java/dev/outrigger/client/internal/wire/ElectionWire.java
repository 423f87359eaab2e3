package dev.outrigger.client.internal.wire;

import dev.outrigger.client.model.Leader;

/** Request bodies, answers and stream lines of ElectionService, as on the wire. */
public final class ElectionWire {
    private ElectionWire() {
    }

    /** Body of {@code POST /v1/elections/{name}:campaign} (ElectionServiceCampaignBody). */
    public static final class CampaignBody {
        /** The campaigning session. */
        public Long sessionId;
        /** TTL of a new session, or null. */
        public Integer ttlSeconds;
        /** The value the leader announces. */
        public String value;
        /** How long to wait in line; 0 tries once. */
        public double waitSeconds;
    }

    /** Answer of a campaign (CampaignResponse). */
    public static final class CampaignAnswer {
        /** Whether the session became leader. */
        public boolean elected;
        /** The term; 0 when not elected. */
        public long term;
        /** The campaigning session. */
        public long sessionId;
    }

    /** Body of {@code POST /v1/elections/{name}:proclaim} (ElectionServiceProclaimBody). */
    public static final class ProclaimBody {
        /** The leader's session. */
        public long sessionId;
        /** The new value. */
        public String value;
    }

    /** Body of {@code POST /v1/elections/{name}:resign} (ElectionServiceResignBody). */
    public static final class ResignBody {
        /** The session giving up. */
        public long sessionId;
    }

    /** Answer of a resignation (ResignResponse). */
    public static final class ResignAnswer {
        /** Whether the session was leader or candidate. */
        public boolean resigned;
    }

    /** One line of an observe stream (ObserveElectionResponse). */
    public static final class ObserveLine {
        /** The leader, or null when there is none. */
        public Leader leader;
        /** The revision of this state. */
        public long revision;
        /** Set on a progress line. */
        public Long progressRevision;
    }
}
