-- sitroom schema v3 (PostgreSQL): live watch state and alerts (issue 8). Same meaning as SQLite.
CREATE TABLE watch_sources (
    name                  TEXT PRIMARY KEY,
    kind                  TEXT NOT NULL,
    location              TEXT NOT NULL,
    etag                  TEXT,
    last_modified         TEXT,
    last_poll             TIMESTAMPTZ,
    last_success          TIMESTAMPTZ,
    last_error            TEXT,
    last_error_at         TIMESTAMPTZ,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    documents_new         INTEGER NOT NULL DEFAULT 0,
    next_poll             TIMESTAMPTZ
);

CREATE TABLE watch_items (
    source       TEXT NOT NULL,
    item_key     TEXT NOT NULL,
    document_id  TEXT,
    first_seen   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, item_key)
);

CREATE TABLE watch_pending (
    document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    queued_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE alerts (
    id             BIGSERIAL PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    rule           TEXT NOT NULL,
    rule_name      TEXT NOT NULL,
    severity       TEXT NOT NULL,
    title          TEXT NOT NULL,
    summary        TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    acked_version  INTEGER,
    acked_at       TIMESTAMPTZ,
    acked_by       TEXT,
    data           JSONB NOT NULL
);
CREATE INDEX alerts_updated ON alerts(updated_at);

CREATE TABLE alert_deliveries (
    id             BIGSERIAL PRIMARY KEY,
    alert_key      TEXT NOT NULL,
    alert_version  INTEGER NOT NULL,
    sink           TEXT NOT NULL,
    target         TEXT NOT NULL,
    payload        TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending',
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt   TIMESTAMPTZ NOT NULL,
    last_error     TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    delivered_at   TIMESTAMPTZ,
    UNIQUE (alert_key, alert_version, sink, target)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries(status, next_attempt);
