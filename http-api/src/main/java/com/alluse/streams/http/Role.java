package com.alluse.streams.http;

import io.javalin.security.RouteRole;

/** Bearer-token roles; each grants what the ones before it grant. */
public enum Role implements RouteRole {
    /** Reads accounts, portfolios, ledgers. */
    VIEWER,
    /** Also submits commands. */
    OPERATOR,
    /** Everything, including the cluster view. */
    ADMIN;

    public boolean grants(Role required) {
        return ordinal() >= required.ordinal();
    }
}
