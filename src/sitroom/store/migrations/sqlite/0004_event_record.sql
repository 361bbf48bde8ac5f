-- sitroom schema v4 (SQLite): whether an event is a record of past happenings (Event.record), so
-- the first-event rule's history query can leave records out without reading every event's JSON.
-- Existing rows start as not records; `sitroom fuse --rebuild` sets the flag from the current rules.
ALTER TABLE events ADD COLUMN record INTEGER NOT NULL DEFAULT 0;
