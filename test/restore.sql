-- pgTAP: a pg_dump script is recognised only in a superuser session that has
-- check_function_bodies and row_security off (as every dump script sets them);
-- no other session can let rows in unchecked
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(5);
SELECT is(quota.restoring(), false, 'an ordinary session is not a restore');
SET LOCAL check_function_bodies = off;
SELECT is(quota.restoring(), false, 'check_function_bodies off alone is not a restore');
SET LOCAL row_security = off;
SELECT is(quota.restoring(), true, 'a superuser running a dump script (check_function_bodies and row_security off) restores');
CREATE ROLE quota_tap_clerk NOLOGIN;
GRANT USAGE ON SCHEMA quota TO quota_tap_clerk;
SET LOCAL SESSION AUTHORIZATION quota_tap_clerk;
SET LOCAL check_function_bodies = off;
SET LOCAL row_security = off;
SELECT is(quota.restoring(), false, 'the same settings in a non-superuser session are not a restore');
RESET SESSION AUTHORIZATION;
SELECT is(quota.restoring(), true, 'back in the superuser session');
SELECT * FROM finish();
ROLLBACK;
