-- sitroom schema v3 (SQLite): live watch state and alerts (issue 8).
-- Per-source health and conditional-GET validators, so a restarted watcher resumes where it stopped.
CREATE TABLE watch_sources (
    name                  TEXT PRIMARY KEY,
    kind                  TEXT NOT NULL,
    location              TEXT NOT NULL,
    etag                  TEXT,
    last_modified         TEXT,
    last_poll             TEXT,
    last_success          TEXT,
    last_error            TEXT,
    last_error_at         TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    documents_new         INTEGER NOT NULL DEFAULT 0,
    next_poll             TEXT
);

-- Every item a source has delivered (feed entry, URL, file), once.
CREATE TABLE watch_items (
    source       TEXT NOT NULL,
    item_key     TEXT NOT NULL,
    document_id  TEXT,
    first_seen   TEXT NOT NULL,
    PRIMARY KEY (source, item_key)
);

-- Documents stored by the watcher whose process hook (extract + fuse) has not yet completed.
-- Written in the same transaction as the document: a kill between ingest and processing leaves
-- the document here, and the next cycle processes it (no gaps).
CREATE TABLE watch_pending (
    document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    queued_at    TEXT NOT NULL
);

-- One row per situation (stable key); version grows when the evidence grows.
CREATE TABLE alerts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    key            TEXT NOT NULL UNIQUE,
    rule           TEXT NOT NULL,
    rule_name      TEXT NOT NULL,
    severity       TEXT NOT NULL,
    title          TEXT NOT NULL,
    summary        TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    acked_version  INTEGER,
    acked_at       TEXT,
    acked_by       TEXT,
    data           TEXT NOT NULL
);
CREATE INDEX alerts_updated ON alerts(updated_at);

-- Outgoing notifications (webhooks), delivered by a separate step with bounded retries so a slow
-- receiver never blocks the pipeline. payload is the exact body that is signed and sent.
CREATE TABLE alert_deliveries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_key      TEXT NOT NULL,
    alert_version  INTEGER NOT NULL,
    sink           TEXT NOT NULL,
    target         TEXT NOT NULL,
    payload        TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending',
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt   TEXT NOT NULL,
    last_error     TEXT,
    created_at     TEXT NOT NULL,
    delivered_at   TEXT,
    UNIQUE (alert_key, alert_version, sink, target)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries(status, next_attempt);
