package dev.outrigger.client.model;

/** An HTTP probe the sidecar runs against an instance: any 2xx answer passes. */
public final class HealthCheck {
    private String http;
    private int intervalSeconds;

    private HealthCheck() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param http the URL probed with GET
     * @param intervalSeconds seconds between probes; 0 means 10
     */
    public HealthCheck(String http, int intervalSeconds) {
        this.http = http;
        this.intervalSeconds = intervalSeconds;
    }

    /** @return the URL probed with GET */
    public String getHttp() {
        return http;
    }

    /** @return seconds between probes; 0 means 10 */
    public int getIntervalSeconds() {
        return intervalSeconds;
    }

    @Override
    public String toString() {
        return "HealthCheck{" + "http=" + http + ", intervalSeconds=" + intervalSeconds + "}";
    }
}
