-- src/upgrade/0.1--0.2-before.sql: the hand-written first half of the upgrade 0.1 -> 0.2
-- (tools/gen-upgrade.pl): new columns of existing tables and their
-- backfill, changed constraints and identity columns, and the objects whose
-- signature or result type changed (dropped here, re-created by the
-- generated body).  tools/migrations-0.2.md lists why each step is here.

-- roster history (tools/migrations-0.2.md): the document of a roster change,
-- the dates rule's constraint name, the entry document's key checked at
-- commit (so quota_authority, not the key, reports a missing document), and
-- establishment_at, whose result gains occupied
ALTER TABLE quota.staff ADD COLUMN change_doc text;
ALTER TABLE quota.staff RENAME CONSTRAINT staff_check TO quota_movement_shape;
-- the roster's references are checked set-wise by its statement triggers
-- (no per-row after-trigger queue): its row-level foreign keys go
ALTER TABLE quota.staff DROP CONSTRAINT staff_org_id_fkey, DROP CONSTRAINT staff_category_fkey,
	DROP CONSTRAINT staff_hiring_id_fkey, DROP CONSTRAINT staff_entry_doc_fkey;
DROP FUNCTION quota.establishment_at(date);
-- the roster's seat paths in C: the 0.1 helpers of quota.occupy and
-- quota.talent_seat are inside src/roster/seats.c now
DROP FUNCTION quota.try_occupy(bigint, text, integer, integer, integer);
DROP FUNCTION quota.talent_draw_for(quota.staff);

-- the roster's write matrix (tools/migrations-0.2.md): ids are the server's,
-- a missing hiring document is reported by quota_authority, and people moving
-- with posts wait for their seats until the posts have moved
ALTER TABLE quota.staff ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.hiring ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.hiring ALTER CONSTRAINT hiring_doc_no_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE quota.staff_pass ADD COLUMN arriving boolean NOT NULL DEFAULT false;
-- write matrix: identity columns are GENERATED ALWAYS (no client id ahead of a sequence)
ALTER TABLE quota.org ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.pool ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.movement ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.standard_term ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.internal_unit ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE quota.duty ALTER COLUMN id SET GENERATED ALWAYS;

-- reference data is data: which categories cross jurisdictions only under a
-- central issuer is a column (seeded true for admin and politico_legal)
ALTER TABLE quota.category ADD COLUMN central_across boolean NOT NULL DEFAULT false;
UPDATE quota.category SET central_across = true WHERE code IN ('admin', 'politico_legal');

-- a missing document of a cap, leadership approval, internal unit or standard
-- is quota_authority at the statement (quota.document_named): their keys are deferred
ALTER TABLE quota.cap ALTER CONSTRAINT cap_doc_no_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE quota.leadership ALTER CONSTRAINT leadership_doc_no_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE quota.internal_unit ALTER CONSTRAINT internal_unit_doc_no_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE quota.standard ALTER CONSTRAINT standard_doc_no_fkey DEFERRABLE INITIALLY DEFERRED;

-- an unknown account, loan, category or approval of a ledger row is its
-- rule's error at the statement: the movement trigger checks what a row
-- names and holds it FOR KEY SHARE (the approval FOR SHARE), the referenced
-- tables' guards refuse deleting what the ledger names, so the ledger's
-- row-level keys go (no per-row deferred checks at commit)
ALTER TABLE quota.movement DROP CONSTRAINT movement_category_fkey, DROP CONSTRAINT movement_from_org_fkey,
	DROP CONSTRAINT movement_from_pool_fkey, DROP CONSTRAINT movement_to_org_fkey,
	DROP CONSTRAINT movement_to_pool_fkey, DROP CONSTRAINT movement_loan_id_fkey,
	DROP CONSTRAINT movement_doc_no_fkey;

-- standard terms finite and bounded; approved_posts is derived, never stored
-- (fails, naming the constraint, if a 0.1 database holds such a row: fix it first)
ALTER TABLE quota.standard_term ADD CONSTRAINT standard_term_finite CHECK (
	band_from > -1e12 AND band_from < 1e12 AND (band_to IS NULL OR band_to < 1e12)
	AND (per_post IS NULL OR (per_post >= 1e-6 AND per_post < 1e12))
	AND (low_factor IS NULL OR (low_factor > -1e6 AND low_factor < 1e6))
	AND (high_factor IS NULL OR (high_factor > -1e6 AND high_factor < 1e6))
	AND fixed_low > -1e6 AND fixed_low < 1e6 AND fixed_high > -1e6 AND fixed_high < 1e6);
ALTER TABLE quota.org_metric ADD CONSTRAINT org_metric_not_derived CHECK (metric <> 'approved_posts');

-- the rank ladder and the central issuer kinds become data (quota.rank,
-- quota.authority.central): their hard-coded CHECKs go; the checks and
-- foreign keys through quota.rank are added after it is created (the after
-- half; staff_post_rank_check already reads quota.rank_level and stays)
ALTER TABLE quota.org DROP CONSTRAINT org_rank_check;
ALTER TABLE quota.approval DROP CONSTRAINT quota_authority;

-- jurisdiction accounts keep a subtree figure only where a subtree cap is
-- (a transfer touches the two level accounts it joins, and a subtree account
-- only where a cap needs it exact); quota.jurisdiction_status rolls the
-- subtree figures up from the level figures
ALTER TABLE quota.jurisdiction_account ALTER COLUMN subtree_held DROP NOT NULL,
	ALTER COLUMN subtree_held DROP DEFAULT;
UPDATE quota.jurisdiction_account SET subtree_held = NULL WHERE subtree_ceiling IS NULL;
