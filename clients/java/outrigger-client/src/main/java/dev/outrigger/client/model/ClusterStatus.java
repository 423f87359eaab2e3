package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** The etcd cluster as this sidecar sees it. */
public final class ClusterStatus {
    private long clusterId;
    private List<Member> members;
    private String name;
    private String role;
    private long memberId;
    private long revision;
    private long dbSize;
    private long raftTerm;
    private String version;

    private ClusterStatus() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param clusterId the cluster id
     * @param members the members
     * @param name this sidecar's name
     * @param role this sidecar's role: voter, learner or client
     * @param memberId this sidecar's member id (0 for the client role)
     * @param revision the current store revision
     * @param dbSize the database size in bytes
     * @param raftTerm the raft term
     * @param version the sidecar version
     */
    public ClusterStatus(long clusterId, List<Member> members, String name, String role, long memberId, long revision, long dbSize, long raftTerm, String version) {
        this.clusterId = clusterId;
        this.members = members;
        this.name = name;
        this.role = role;
        this.memberId = memberId;
        this.revision = revision;
        this.dbSize = dbSize;
        this.raftTerm = raftTerm;
        this.version = version;
    }

    /** @return the cluster id (uint64: read with {@link Long#toUnsignedString(long)}) */
    public long getClusterId() {
        return clusterId;
    }

    /** @return the members */
    public List<Member> getMembers() {
        return members == null ? Collections.emptyList() : Collections.unmodifiableList(members);
    }

    /** @return this sidecar's name */
    public String getName() {
        return name;
    }

    /** @return this sidecar's role: voter, learner or client */
    public String getRole() {
        return role;
    }

    /** @return this sidecar's member id (0 for the client role) (uint64: read with {@link Long#toUnsignedString(long)}) */
    public long getMemberId() {
        return memberId;
    }

    /** @return the current store revision */
    public long getRevision() {
        return revision;
    }

    /** @return the database size in bytes */
    public long getDbSize() {
        return dbSize;
    }

    /** @return the raft term (uint64: read with {@link Long#toUnsignedString(long)}) */
    public long getRaftTerm() {
        return raftTerm;
    }

    /** @return the sidecar version */
    public String getVersion() {
        return version;
    }

    @Override
    public String toString() {
        return "ClusterStatus{" + "clusterId=" + clusterId + ", members=" + members + ", name=" + name + ", role=" + role + ", memberId=" + memberId + ", revision=" + revision + ", dbSize=" + dbSize + ", raftTerm=" + raftTerm + ", version=" + version + "}";
    }
}
