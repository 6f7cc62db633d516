-- Reporting views over the tables of 01-tables.sql. Sums stay in integer cents (bigint / numeric).

-- Assets under management by account type: open accounts only (a closed account holds nothing).
CREATE OR REPLACE VIEW aum_by_account_type AS
SELECT account_type,
       count(*)             AS accounts,
       sum(balance_cents)   AS balance_cents,
       sum(principal_cents) AS principal_cents,
       sum(available_cents) AS available_cents
FROM accounts
WHERE status <> 'CLOSED'
GROUP BY account_type;

-- Assets under management per portfolio.
CREATE OR REPLACE VIEW portfolio_aum AS
SELECT portfolio_id,
       count(*) FILTER (WHERE status <> 'CLOSED')                     AS open_accounts,
       count(*) FILTER (WHERE NOT main)                                AS forked_accounts,
       coalesce(sum(balance_cents) FILTER (WHERE status <> 'CLOSED'), 0) AS balance_cents,
       coalesce(sum(principal_cents) FILTER (WHERE status <> 'CLOSED'), 0) AS principal_cents
FROM accounts
GROUP BY portfolio_id;

-- The fork tree of each portfolio: the main accounts at depth 0, every forked account under the
-- account it was forked from. path orders a portfolio's tree depth-first:
--   SELECT * FROM account_fork_tree WHERE portfolio_id = 'P1' ORDER BY path;
CREATE OR REPLACE VIEW account_fork_tree AS
WITH RECURSIVE tree AS (
  SELECT portfolio_id, account_id, parent_account_id, fork_id, account_type, status, balance_cents,
         0 AS depth, account_id AS path
  FROM accounts
  WHERE parent_account_id IS NULL
  UNION ALL
  SELECT child.portfolio_id, child.account_id, child.parent_account_id, child.fork_id, child.account_type,
         child.status, child.balance_cents, tree.depth + 1, tree.path || ' > ' || child.account_id
  FROM accounts child
  JOIN tree ON child.parent_account_id = tree.account_id
)
SELECT * FROM tree;

-- Events with the name of their payload member and a readable time.
CREATE OR REPLACE VIEW portfolio_event_log AS
SELECT event_id, portfolio_id, command_id, to_timestamp(event_time_ms / 1000.0) AS event_time,
       CASE
         WHEN payload_portfolio_opened_owner_id IS NOT NULL THEN 'PortfolioOpened'
         WHEN payload_fork_completed_fork_id IS NOT NULL THEN 'ForkCompleted'
         WHEN payload_merge_completed_merge_id IS NOT NULL THEN 'MergeCompleted'
         WHEN payload_reinvestment_allocated_account_id IS NOT NULL THEN 'ReinvestmentAllocated'
         WHEN payload_reinvestment_deferred_account_id IS NOT NULL THEN 'ReinvestmentDeferred'
         WHEN payload_drawdown_breach_account_id IS NOT NULL THEN 'DrawdownBreach'
         WHEN payload_drawdown_cleared_account_id IS NOT NULL THEN 'DrawdownCleared'
         WHEN payload_buffer_breach_account_id IS NOT NULL THEN 'BufferBreach'
         WHEN payload_account_status_changed_account_id IS NOT NULL THEN 'AccountStatusChanged'
       END AS event_type
FROM portfolio_events;

-- Forks and the merges that folded them back.
CREATE OR REPLACE VIEW fork_history AS
SELECT f.portfolio_id,
       f.payload_fork_completed_fork_id            AS fork_id,
       f.payload_fork_completed_parent_account_id  AS parent_account_id,
       f.payload_fork_completed_surplus_cents      AS surplus_cents,
       to_timestamp(f.event_time_ms / 1000.0)      AS forked_at,
       m.payload_merge_completed_merge_id          AS merge_id,
       m.payload_merge_completed_amount_cents      AS merged_cents,
       to_timestamp(m.event_time_ms / 1000.0)      AS merged_at
FROM portfolio_events f
LEFT JOIN portfolio_events m ON m.payload_merge_completed_fork_id = f.payload_fork_completed_fork_id
WHERE f.payload_fork_completed_fork_id IS NOT NULL;
