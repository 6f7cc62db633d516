package com.alluse.streams.http;

/** Response headers that say how fresh an answer is and where it came from. */
final class ConsistencyHeaders {
    /** The consistency token: on command results, and accepted on queries (or as ?consistencyToken=). */
    static final String TOKEN = "X-Consistency-Token";
    /** "active" or "standby". */
    static final String SERVED_FROM = "X-Alluse-Served-From";
    /** For standby answers: how many changelog records the standby is behind. */
    static final String STANDBY_LAG = "X-Alluse-Standby-Lag-Records";
    /** The instance (host:port) that answered. */
    static final String SERVED_BY = "X-Alluse-Served-By";

    private ConsistencyHeaders() {}
}
