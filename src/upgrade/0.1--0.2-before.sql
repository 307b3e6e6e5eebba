-- src/upgrade/0.1--0.2-before.sql: the hand-written first half of the upgrade 0.1 -> 0.2
-- (tools/gen-upgrade.pl): new columns of existing tables and their
-- backfill, changed constraints and identity columns, and the objects whose
-- signature or result type changed (dropped here, re-created by the
-- generated body).  tools/migrations-0.2.md lists why each step is here.

-- roster history (tools/migrations-0.2.md): the document of a roster change,
-- the dates rule's constraint name, the entry document's key checked at
-- commit (so quota_authority, not the key, reports a missing document), and
-- establishment_at, whose result gains occupied
ALTER TABLE quota.staff ADD COLUMN change_doc text REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE quota.staff RENAME CONSTRAINT staff_check TO quota_movement_shape;
ALTER TABLE quota.staff ALTER CONSTRAINT staff_entry_doc_fkey DEFERRABLE INITIALLY DEFERRED;
DROP FUNCTION quota.establishment_at(date);

-- the roster's write matrix (tools/migrations-0.2.md): ids are the server's,
-- a missing hiring document is reported by quota_authority, and people moving
-- with posts wait for their seats until the posts have moved
ALTER TABLE quota.staff ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.hiring ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.hiring ALTER CONSTRAINT hiring_doc_no_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE quota.staff_pass ADD COLUMN arriving boolean NOT NULL DEFAULT false;
