package com.alluse.streams.domain;

public enum CommandKind {
    OPEN_PORTFOLIO,
    DEPOSIT,
    WITHDRAWAL,
    TRADE_PREMIUM,
    TRADE_LOSS,
    COMMISSION,
    CASH_BUFFER_ADJUSTMENT,
    SUSPEND,
    ACTIVATE,
    CLOSE
}
