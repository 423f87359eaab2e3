package dev.outrigger.example;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The demo's endpoints. */
@RestController
public class DemoController {
    private final Greeting greeting;
    private final DiscoveryClient discovery;
    private final Registration me;
    private final LeaderJob leaderJob;
    private final LockJob lockJob;

    public DemoController(Greeting greeting, DiscoveryClient discovery, Registration me, LeaderJob leaderJob,
            LockJob lockJob) {
        this.greeting = greeting;
        this.discovery = discovery;
        this.me = me;
        this.leaderJob = leaderJob;
        this.lockJob = lockJob;
    }

    /** The greeting from config; changes live. */
    @GetMapping("/greeting")
    public Map<String, Object> greeting() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("greeting", greeting.text());
        out.put("instance", me.getInstanceId());
        return out;
    }

    /** Every instance of this service, found through the DiscoveryClient. */
    @GetMapping("/peers")
    public List<Map<String, Object>> peers() {
        return discovery.getInstances(me.getServiceId()).stream().map(i -> {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("instance", i.getInstanceId());
            peer.put("uri", i.getUri().toString());
            peer.put("me", i.getInstanceId().equals(me.getInstanceId()));
            return peer;
        }).collect(Collectors.toList());
    }

    /** Whether this instance leads, and how often it ran the leader-only job. */
    @GetMapping("/leader")
    public Map<String, Object> leader() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instance", me.getInstanceId());
        out.put("leader", leaderJob.isLeader());
        out.put("runs", leaderJob.runs());
        return out;
    }

    /** The lock job's last run: the fencing token it held. */
    @GetMapping("/lock")
    public Map<String, Object> lock() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instance", me.getInstanceId());
        out.put("runs", lockJob.runs());
        out.put("lastFencingToken", lockJob.lastFencingToken());
        return out;
    }
}
