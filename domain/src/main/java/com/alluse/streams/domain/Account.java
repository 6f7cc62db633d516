package com.alluse.streams.domain;

import java.util.Objects;

/**
 * One account's current state. Mutable on purpose: a command loads it, the rules change it
 * through the methods below (each keeping balance, sequence and ledger in step), and the
 * processor stores the result. Rejections happen before any change.
 */
public final class Account {
    private final AccountIdentity identity;
    private AccountStatus status;
    private CloseReason closeReason;
    private long principalCents;
    private long balanceCents;
    private int cashBufferBps;
    private long cashBufferCents;
    private long lastSequence;
    private boolean bufferBreached;
    private Performance performance;
    private ReinvestmentTotals reinvestment;
    private long updatedAtMs;
    private String lastCommandId;

    public Account(
            AccountIdentity identity,
            AccountStatus status,
            CloseReason closeReason,
            long principalCents,
            long balanceCents,
            int cashBufferBps,
            long cashBufferCents,
            long lastSequence,
            boolean bufferBreached,
            Performance performance,
            ReinvestmentTotals reinvestment,
            long updatedAtMs,
            String lastCommandId) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.status = Objects.requireNonNull(status, "status");
        this.closeReason = closeReason;
        this.principalCents = principalCents;
        this.balanceCents = balanceCents;
        this.cashBufferBps = cashBufferBps;
        this.cashBufferCents = cashBufferCents;
        this.lastSequence = lastSequence;
        this.bufferBreached = bufferBreached;
        this.performance = Objects.requireNonNull(performance, "performance");
        this.reinvestment = Objects.requireNonNull(reinvestment, "reinvestment");
        this.updatedAtMs = updatedAtMs;
        this.lastCommandId = Objects.requireNonNull(lastCommandId, "lastCommandId");
    }

    /** A new account with no balance yet: its first entry (OPENING or FORK_IN) funds it. */
    static Account unfunded(AccountIdentity identity, int cashBufferBps, Cause cause) {
        long bufferCents = Money.percentOfHalfUp(identity.initialCents(), cashBufferBps);
        return new Account(
                identity,
                AccountStatus.ACTIVE,
                null,
                identity.initialCents(),
                0,
                cashBufferBps,
                bufferCents,
                0,
                false,
                Performance.startingAt(identity.initialCents()),
                ReinvestmentTotals.NONE,
                cause.eventTimeMs(),
                cause.id());
    }

    LedgerEntry post(EntryType type, long signedAmountCents, Cause cause, String forkId, String mergeId) {
        return post(type, signedAmountCents, cause, forkId, mergeId, null);
    }

    LedgerEntry post(
            EntryType type,
            long signedAmountCents,
            Cause cause,
            String forkId,
            String mergeId,
            ReinvestmentSplit reinvestmentSplit) {
        balanceCents = Math.addExact(balanceCents, signedAmountCents);
        lastSequence++;
        touch(cause);
        return new LedgerEntry(
                LedgerEntry.entryId(accountId(), lastSequence),
                portfolioId(),
                accountId(),
                lastSequence,
                type,
                signedAmountCents,
                balanceCents,
                cause.id(),
                forkId,
                mergeId,
                reinvestmentSplit,
                cause.eventTimeMs());
    }

    void addPrincipal(long amountCents) {
        principalCents = Math.addExact(principalCents, amountCents);
    }

    /** Market facts count as earnings for the week's return and for reinvestment. */
    void addEarnings(long signedAmountCents) {
        performance = performance.withEarnings(signedAmountCents);
        reinvestment = reinvestment.withEarnings(signedAmountCents);
    }

    void changeStatus(AccountStatus newStatus, CloseReason reason, Cause cause) {
        status = newStatus;
        closeReason = reason;
        touch(cause);
    }

    void adjustCashBuffer(int bps, Cause cause) {
        cashBufferBps = bps;
        cashBufferCents = Money.percentOfHalfUp(initialCents(), bps);
        touch(cause);
    }

    /** Records whether the balance is below the buffer; true when this is a new breach. */
    boolean updateBufferBreach() {
        boolean breachedNow = status != AccountStatus.CLOSED && balanceCents < cashBufferCents;
        boolean isNewBreach = breachedNow && !bufferBreached;
        bufferBreached = breachedNow;
        return isNewBreach;
    }

    void closeWeek(Cause cause) {
        performance = performance.closeWeek(balanceCents, type().maxDrawdownBps());
        touch(cause);
    }

    LedgerEntry reinvest(ReinvestmentSplit split, Cause cause) {
        reinvestment = reinvestment.allocated(split);
        return post(EntryType.REINVESTMENT, 0, cause, null, null, split);
    }

    private void touch(Cause cause) {
        updatedAtMs = cause.eventTimeMs();
        lastCommandId = cause.id();
    }

    public long availableCents() {
        return Math.max(0, balanceCents - cashBufferCents);
    }

    public long surplusCents() {
        return balanceCents - principalCents;
    }

    public boolean isClosed() {
        return status == AccountStatus.CLOSED;
    }

    public AccountIdentity identity() {
        return identity;
    }

    public String accountId() {
        return identity.accountId();
    }

    public String portfolioId() {
        return identity.portfolioId();
    }

    public AccountType type() {
        return identity.type();
    }

    public long initialCents() {
        return identity.initialCents();
    }

    public AccountStatus status() {
        return status;
    }

    public CloseReason closeReason() {
        return closeReason;
    }

    public long principalCents() {
        return principalCents;
    }

    public long balanceCents() {
        return balanceCents;
    }

    public int cashBufferBps() {
        return cashBufferBps;
    }

    public long cashBufferCents() {
        return cashBufferCents;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public boolean bufferBreached() {
        return bufferBreached;
    }

    public Performance performance() {
        return performance;
    }

    public ReinvestmentTotals reinvestment() {
        return reinvestment;
    }

    public long updatedAtMs() {
        return updatedAtMs;
    }

    public String lastCommandId() {
        return lastCommandId;
    }

    @Override
    public String toString() {
        return "Account[" + accountId() + " " + type() + " " + status + " balance=" + balanceCents + " principal="
                + principalCents + " seq=" + lastSequence + "]";
    }
}
