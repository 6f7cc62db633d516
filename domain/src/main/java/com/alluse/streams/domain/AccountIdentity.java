package com.alluse.streams.domain;

/** What never changes about an account once it exists. */
public record AccountIdentity(
        String accountId,
        String portfolioId,
        AccountType type,
        boolean main,
        String parentAccountId,
        String forkId,
        long initialCents,
        long openedAtMs) {}
