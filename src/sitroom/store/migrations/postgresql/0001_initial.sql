-- sitroom schema v1 (PostgreSQL). Same tables and meaning as the SQLite schema.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    text          TEXT NOT NULL,
    title         TEXT,
    outlet        TEXT,
    url           TEXT,
    author        TEXT,
    published     TIMESTAMPTZ,
    language      TEXT,
    source        TEXT,
    source_kind   TEXT,
    encoding      TEXT,
    lossy_decode  BOOLEAN NOT NULL DEFAULT FALSE,
    meta          JSONB NOT NULL DEFAULT '{}'::jsonb,
    ingested_at   TIMESTAMPTZ NOT NULL,
    processed_at  TIMESTAMPTZ,
    fts           TSVECTOR GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                      setweight(to_tsvector('english', text), 'B')) STORED
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_unprocessed ON documents(processed_at) WHERE processed_at IS NULL;
CREATE INDEX documents_fts_idx ON documents USING GIN (fts);

CREATE TABLE claims (
    id              TEXT PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT,
    confidence      DOUBLE PRECISION NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    data            JSONB NOT NULL
);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_type ON claims(event_type);

CREATE TABLE events (
    id                   TEXT PRIMARY KEY,
    event_type           TEXT NOT NULL,
    sub_event_type       TEXT,
    start_date           DATE,
    end_date             DATE,
    country              TEXT,
    admin1               TEXT,
    lat                  DOUBLE PRECISION,
    lon                  DOUBLE PRECISION,
    independent_sources  INTEGER NOT NULL DEFAULT 0,
    has_contradiction    BOOLEAN NOT NULL DEFAULT FALSE,
    confidence           DOUBLE PRECISION NOT NULL DEFAULT 0,
    data                 JSONB NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX events_type_date ON events(event_type, start_date);
CREATE INDEX events_place ON events(country, admin1);

CREATE TABLE event_claims (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, claim_id)
);
CREATE INDEX event_claims_claim ON event_claims(claim_id);

CREATE TABLE ingest_skips (
    id        BIGSERIAL PRIMARY KEY,
    source    TEXT NOT NULL,
    reason    TEXT NOT NULL,
    detail    TEXT,
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX ingest_skips_source ON ingest_skips(source);
