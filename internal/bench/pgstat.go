package bench

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// The statements here read and reset pg_stat_statements, an extension's
// view that no migration creates: sqlc, which checks queries against the
// schema the migrations build, cannot type them, so they stay in Go. They
// measure PostgreSQL itself, not leadflow's data, which is why they are
// not in package store.

// startStatements creates pg_stat_statements (preloaded by the benchmark's
// PostgreSQL when --pg-statements is set) and clears its counters.
func startStatements(ctx context.Context, pool *pgxpool.Pool) error {
	if _, err := pool.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_stat_statements`); err != nil {
		return fmt.Errorf("--pg-statements: %w", err)
	}
	return resetStatements(ctx, pool)
}

// resetStatements clears pg_stat_statements, so the next phase counts only
// its own statements.
func resetStatements(ctx context.Context, pool *pgxpool.Pool) error {
	if _, err := pool.Exec(ctx, `SELECT pg_stat_statements_reset()`); err != nil {
		return fmt.Errorf("--pg-statements: %w", err)
	}
	return nil
}

// topStatements reads pg_stat_statements for the statements of the phase.
func topStatements(ctx context.Context, pool *pgxpool.Pool, n, leads int) ([]Statement, float64, error) {
	var total float64
	var calls int64
	if err := pool.QueryRow(ctx, `SELECT COALESCE(sum(total_exec_time), 0), COALESCE(sum(calls), 0)::bigint FROM pg_stat_statements
		WHERE query NOT ILIKE '%pg_stat_statements%'`).Scan(&total, &calls); err != nil {
		return nil, 0, fmt.Errorf("read pg_stat_statements: %w", err)
	}
	rows, err := pool.Query(ctx, `SELECT calls, total_exec_time, mean_exec_time, regexp_replace(query, '\s+', ' ', 'g')
		FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT $1`, n)
	if err != nil {
		return nil, 0, fmt.Errorf("read pg_stat_statements: %w", err)
	}
	defer rows.Close()
	var out []Statement
	for rows.Next() {
		var st Statement
		if err := rows.Scan(&st.Calls, &st.TotalMillis, &st.MeanMillis, &st.Query); err != nil {
			return nil, 0, fmt.Errorf("read pg_stat_statements: %w", err)
		}
		st.Share = ratio(st.TotalMillis, total)
		if len(st.Query) > 110 {
			st.Query = st.Query[:110] + "…"
		}
		out = append(out, st)
	}
	perLead := 0.0
	if leads > 0 {
		perLead = float64(calls) / float64(leads)
	}
	return out, perLead, rows.Err()
}
