\echo Use "CREATE EXTENSION quota" to load this file. \quit

-- quota 0.1: staffing establishment (机构编制) rules enforced by the database.
-- This file is generated from install/*.sql by `make`; edit those, not this.
-- The script runs with search_path = pg_catalog, pg_temp (schema = pg_catalog
-- in quota.control), and creates schema quota itself so that nothing can be
-- planted in it beforehand.  Every name is schema-qualified.

CREATE SCHEMA quota;
COMMENT ON SCHEMA quota IS 'quota: staffing establishment (机构编制) types, ledger, roster and rules';
