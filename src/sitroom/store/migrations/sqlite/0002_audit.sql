-- sitroom schema v2 (SQLite): the analyst audit log, and the index the event list pages through.
-- The audit log has no foreign key to events on purpose: re-fusion deletes and rewrites events,
-- and the record of what an analyst changed must outlive them (it is replayed onto the new events).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    event_ids  TEXT NOT NULL,
    patch      TEXT,
    before     TEXT,
    after      TEXT,
    note       TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);

-- Newest first, then id: the order and keyset of the paginated event list.
CREATE INDEX events_start_id ON events(start_date DESC, id);
-- The same order within one country or one event type: a filtered first page reads no more rows
-- than it returns.
CREATE INDEX events_country_start ON events(country, start_date DESC, id);
CREATE INDEX events_type_start ON events(event_type, start_date DESC, id);
