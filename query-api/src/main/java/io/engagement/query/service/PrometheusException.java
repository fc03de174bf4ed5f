package io.engagement.query.service;

/**
 * Prometheus could not answer: unreachable (503, the page shows the charts as stale) or refusing the query (502).
 * Becomes a problem body whose detail names the address and the cause.
 */
public class PrometheusException extends RuntimeException {
    private final int status;
    private final String title;

    public PrometheusException(int status, String title, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
