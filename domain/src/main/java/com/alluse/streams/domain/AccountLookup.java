package com.alluse.streams.domain;

import java.util.Optional;

/** Where the rules read accounts from: a state store in production, a map in tests. */
@FunctionalInterface
public interface AccountLookup {
    Optional<Account> find(String accountId);
}
