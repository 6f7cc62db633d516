package com.alluse.streams.http;

/**
 * An error answered as RFC 7807 {@code application/problem+json}. The detail is written for the
 * client; nothing internal (no stack trace, no class name) goes into it.
 */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final Integer retryAfterSeconds;

    public ApiProblem(int status, String title, String detail, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail, null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail, null);
    }

    /** The state is moving (rebalance, restore, not yet at the asked position): retry shortly. */
    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "Service Unavailable", detail, 1);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
