-- The worker's "when is the next job due" read uses this and ix_jobs_due instead of scanning every pending job on each wake-up.
CREATE INDEX ix_jobs_lease ON jobs (lease_until) WHERE lease_until IS NOT NULL;
