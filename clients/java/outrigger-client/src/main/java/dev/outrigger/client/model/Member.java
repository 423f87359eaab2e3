package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** One member of the etcd cluster. */
public final class Member {
    private long id;
    private String name;
    private List<String> peerUrls;
    private List<String> clientUrls;
    private boolean learner;
    private boolean leader;
    private boolean healthy;

    private Member() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param id the member id
     * @param name the member name
     * @param peerUrls the peer URLs
     * @param clientUrls the client URLs
     * @param learner whether it is a learner
     * @param leader whether it is the raft leader
     * @param healthy whether it answers
     */
    public Member(long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner, boolean leader, boolean healthy) {
        this.id = id;
        this.name = name;
        this.peerUrls = peerUrls;
        this.clientUrls = clientUrls;
        this.learner = learner;
        this.leader = leader;
        this.healthy = healthy;
    }

    /** @return the member id (uint64: read with {@link Long#toUnsignedString(long)}) */
    public long getId() {
        return id;
    }

    /** @return the member name */
    public String getName() {
        return name;
    }

    /** @return the peer URLs */
    public List<String> getPeerUrls() {
        return peerUrls == null ? Collections.emptyList() : Collections.unmodifiableList(peerUrls);
    }

    /** @return the client URLs */
    public List<String> getClientUrls() {
        return clientUrls == null ? Collections.emptyList() : Collections.unmodifiableList(clientUrls);
    }

    /** @return whether it is a learner */
    public boolean isLearner() {
        return learner;
    }

    /** @return whether it is the raft leader */
    public boolean isLeader() {
        return leader;
    }

    /** @return whether it answers */
    public boolean isHealthy() {
        return healthy;
    }

    @Override
    public String toString() {
        return "Member{" + "id=" + id + ", name=" + name + ", peerUrls=" + peerUrls + ", clientUrls=" + clientUrls + ", learner=" + learner + ", leader=" + leader + ", healthy=" + healthy + "}";
    }
}
