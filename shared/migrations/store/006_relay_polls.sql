-- The relay polls instead of being woken by NOTIFY (shared/relay.py). A transaction that
-- notifies takes, at commit, a lock held until its commit record is on disk, one lock for the
-- whole cluster (PostgreSQL's async.c: notifications are queued in commit order): the commits of
-- every service that appends events waited for each other's flush, one at a time, instead of
-- sharing one (docs/benchmarks.md, "NOTIFY").
DROP TRIGGER events_notify ON events;
DROP FUNCTION events_notify();
