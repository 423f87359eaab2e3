package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.model.ClusterStatus;
import dev.outrigger.client.model.Member;
import dev.outrigger.testing.Sidecar;
import org.junit.jupiter.api.Test;

class ClusterTest {

    @Test
    void readsTheClusterWithUnsignedMemberIds() {
        try (OutriggerClient client = OutriggerClient.builder().endpoint(Sidecar.shared().endpoint()).build()) {
            ClusterStatus status = client.cluster().status();
            assertEquals("t1", status.getName());
            assertEquals("voter", status.getRole());
            assertEquals(1, status.getMembers().size());
            Member me = status.getMembers().get(0);
            assertEquals(status.getMemberId(), me.getId());
            assertFalse(Long.toUnsignedString(me.getId()).startsWith("-"));
            assertTrue(me.isLeader());
            assertTrue(status.getRevision() > 0);
        }
    }
}
