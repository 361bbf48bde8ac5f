-- sitroom schema v1 (SQLite). Applied by sitroom.store.migrations, recorded in schema_migrations.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    text          TEXT NOT NULL,
    title         TEXT,
    outlet        TEXT,
    url           TEXT,
    author        TEXT,
    published     TEXT,
    language      TEXT,
    source        TEXT,
    source_kind   TEXT,
    encoding      TEXT,
    lossy_decode  INTEGER NOT NULL DEFAULT 0,
    meta          TEXT NOT NULL DEFAULT '{}',
    ingested_at   TEXT NOT NULL,
    processed_at  TEXT
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_unprocessed ON documents(processed_at) WHERE processed_at IS NULL;

-- Full-text search over title and text; porter stemming so "escaped" finds "escape".
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content='documents', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE claims (
    id              TEXT PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT,
    confidence      REAL NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    data            TEXT NOT NULL
);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_type ON claims(event_type);

CREATE TABLE events (
    id                   TEXT PRIMARY KEY,
    event_type           TEXT NOT NULL,
    sub_event_type       TEXT,
    start_date           TEXT,
    end_date             TEXT,
    country              TEXT,
    admin1               TEXT,
    lat                  REAL,
    lon                  REAL,
    independent_sources  INTEGER NOT NULL DEFAULT 0,
    has_contradiction    INTEGER NOT NULL DEFAULT 0,
    confidence           REAL NOT NULL DEFAULT 0,
    data                 TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX events_type_date ON events(event_type, start_date);
CREATE INDEX events_place ON events(country, admin1);

CREATE TABLE event_claims (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, claim_id)
);
CREATE INDEX event_claims_claim ON event_claims(claim_id);

-- Every item ingestion skipped, with its reason code, so nothing fails silently.
CREATE TABLE ingest_skips (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    source    TEXT NOT NULL,
    reason    TEXT NOT NULL,
    detail    TEXT,
    at        TEXT NOT NULL
);
CREATE INDEX ingest_skips_source ON ingest_skips(source);
