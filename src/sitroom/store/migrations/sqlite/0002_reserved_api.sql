-- Placeholder on branch 'alerts' only: version 0002 belongs to the API helper's migration.
-- The lead deletes this file when merging (0001..N must be contiguous).
SELECT 1;
