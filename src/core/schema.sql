-- src/core/schema.sql: the schema quota, created by the script so nothing can be planted in it

-- quota: staffing establishment (机构编制) rules enforced by the database.
-- Sections, in order: types; reference data; the ledger and its triggers and
-- functions; the roster; standards; roster functions; reform; dashboards.
-- The script runs with search_path = pg_catalog, pg_temp (schema = pg_catalog
-- in quota.control), and creates schema quota itself so that nothing can be
-- planted in it beforehand.  Every name is schema-qualified.

CREATE SCHEMA quota;
COMMENT ON SCHEMA quota IS 'quota: staffing establishment (机构编制) types, ledger, roster and rules';
