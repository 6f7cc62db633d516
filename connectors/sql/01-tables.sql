-- Reporting tables kept in sync by Debezium's JDBC sink (connectors/config/postgres-*.properties).
-- Column names are the Avro field names in snake_case; nested records are flattened with "_".
-- Money is exact: int64 cents as bigint, never a float. Times are epoch milliseconds (bigint).
-- Run once before the connectors start:  psql -d alluse_reporting -f 01-tables.sql -f 02-views.sql
-- (the connectors' schema.evolution=basic adds columns for fields that later schema versions add).

-- alluse.account-state: the latest state per account (upsert by the record key; a tombstone deletes).
CREATE TABLE IF NOT EXISTS accounts (
  account_id                        text    PRIMARY KEY,
  portfolio_id                      text    NOT NULL,
  account_type                      text    NOT NULL,   -- GENERATION | REVENUE | COMPOUNDING
  status                            text    NOT NULL,   -- ACTIVE | SUSPENDED | CLOSED
  close_reason                      text,               -- REQUESTED | MERGED
  main                              boolean NOT NULL,
  parent_account_id                 text,
  fork_id                           text,
  initial_cents                     bigint  NOT NULL,
  principal_cents                   bigint  NOT NULL,
  balance_cents                     bigint  NOT NULL,
  cash_buffer_bps                   integer NOT NULL,
  cash_buffer_cents                 bigint  NOT NULL,
  available_cents                   bigint  NOT NULL,
  last_sequence                     bigint  NOT NULL,
  buffer_breached                   boolean NOT NULL,
  week_start_balance_cents          bigint  NOT NULL,
  week_net_earnings_cents           bigint  NOT NULL,
  performance_index_nanos           bigint  NOT NULL,   -- 1.0 = 1,000,000,000
  high_water_mark_nanos             bigint  NOT NULL,
  drawdown_breached                 boolean NOT NULL,
  earnings_since_reinvestment_cents bigint  NOT NULL,
  reinvested_contracts_cents        bigint  NOT NULL,
  reinvested_leaps_cents            bigint  NOT NULL,
  opened_at_ms                      bigint  NOT NULL,
  updated_at_ms                     bigint  NOT NULL,
  last_command_id                   text    NOT NULL
);
CREATE INDEX IF NOT EXISTS accounts_portfolio_idx ON accounts (portfolio_id);
CREATE INDEX IF NOT EXISTS accounts_parent_idx ON accounts (parent_account_id);

-- alluse.ledger: immutable entries, idempotent by entry id (a redelivered entry rewrites the same row).
CREATE TABLE IF NOT EXISTS ledger_entries (
  entry_id                     text   PRIMARY KEY,   -- <accountId>#<sequence>
  portfolio_id                 text   NOT NULL,
  account_id                   text   NOT NULL,
  sequence                     bigint NOT NULL,
  entry_type                   text   NOT NULL,
  amount_cents                 bigint NOT NULL,      -- signed: credits positive, debits negative
  balance_after_cents          bigint NOT NULL,
  command_id                   text   NOT NULL,
  fork_id                      text,
  merge_id                     text,
  reinvestment_contracts_cents bigint,
  reinvestment_leaps_cents     bigint,
  event_time_ms                bigint NOT NULL
);
-- Per account the sequence is gap-free from 1: one entry per (account, sequence).
CREATE UNIQUE INDEX IF NOT EXISTS ledger_entries_account_sequence_idx ON ledger_entries (account_id, sequence);
CREATE INDEX IF NOT EXISTS ledger_entries_portfolio_time_idx ON ledger_entries (portfolio_id, event_time_ms);

-- alluse.portfolio-events: lifecycle facts, idempotent by event id. The payload union is flattened:
-- one group of columns per member (payload_<member>_<field>), exactly one group set per row;
-- portfolio_event_log (02-views.sql) names the member.
CREATE TABLE IF NOT EXISTS portfolio_events (
  event_id      text   PRIMARY KEY,   -- <commandId>/<n>
  portfolio_id  text   NOT NULL,
  command_id    text   NOT NULL,
  event_time_ms bigint NOT NULL,
  payload_portfolio_opened_owner_id text,
  payload_portfolio_opened_template text,
  payload_portfolio_opened_capital_cents bigint,
  payload_portfolio_opened_generation_account_id text,
  payload_portfolio_opened_generation_cents bigint,
  payload_portfolio_opened_revenue_account_id text,
  payload_portfolio_opened_revenue_cents bigint,
  payload_portfolio_opened_compounding_account_id text,
  payload_portfolio_opened_compounding_cents bigint,
  payload_portfolio_opened_fork_threshold_cents bigint,
  payload_portfolio_opened_merge_threshold_cents bigint,
  payload_fork_completed_fork_id text,
  payload_fork_completed_parent_account_id text,
  payload_fork_completed_surplus_cents bigint,
  payload_fork_completed_generation_account_id text,
  payload_fork_completed_generation_cents bigint,
  payload_fork_completed_compounding_account_id text,
  payload_fork_completed_compounding_cents bigint,
  payload_merge_completed_merge_id text,
  payload_merge_completed_fork_id text,
  payload_merge_completed_generation_account_id text,
  payload_merge_completed_generation_cents bigint,
  payload_merge_completed_compounding_account_id text,
  payload_merge_completed_compounding_cents bigint,
  payload_merge_completed_target_account_id text,
  payload_merge_completed_amount_cents bigint,
  payload_reinvestment_allocated_account_id text,
  payload_reinvestment_allocated_period_id text,
  payload_reinvestment_allocated_reinvestable_cents bigint,
  payload_reinvestment_allocated_contracts_cents bigint,
  payload_reinvestment_allocated_leaps_cents bigint,
  payload_reinvestment_deferred_account_id text,
  payload_reinvestment_deferred_period_id text,
  payload_reinvestment_deferred_reinvestable_cents bigint,
  payload_reinvestment_deferred_minimum_cents bigint,
  payload_drawdown_breach_account_id text,
  payload_drawdown_breach_period_id text,
  payload_drawdown_breach_performance_index_nanos bigint,
  payload_drawdown_breach_high_water_mark_nanos bigint,
  payload_drawdown_breach_drawdown_bps integer,
  payload_drawdown_breach_max_drawdown_bps integer,
  payload_drawdown_cleared_account_id text,
  payload_drawdown_cleared_period_id text,
  payload_drawdown_cleared_performance_index_nanos bigint,
  payload_drawdown_cleared_high_water_mark_nanos bigint,
  payload_drawdown_cleared_drawdown_bps integer,
  payload_drawdown_cleared_max_drawdown_bps integer,
  payload_buffer_breach_account_id text,
  payload_buffer_breach_balance_cents bigint,
  payload_buffer_breach_cash_buffer_cents bigint,
  payload_account_status_changed_account_id text,
  payload_account_status_changed_from_status text,
  payload_account_status_changed_to_status text,
  payload_account_status_changed_reason text
);
CREATE INDEX IF NOT EXISTS portfolio_events_portfolio_time_idx ON portfolio_events (portfolio_id, event_time_ms);
CREATE INDEX IF NOT EXISTS portfolio_events_fork_idx ON portfolio_events (payload_fork_completed_fork_id)
  WHERE payload_fork_completed_fork_id IS NOT NULL;
