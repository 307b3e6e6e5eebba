-- src/upgrade/0.1--0.2-after.sql: the hand-written last half of the upgrade 0.1 -> 0.2
-- (tools/gen-upgrade.pl): data migrations that need the new functions.

-- roster history (tools/migrations-0.2.md): the change records of the 0.1
-- roster, an entry for every row and a departure for every departed row (0.1
-- kept no record of moves: an entry carries the row's current org)
INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason)
SELECT e.staff_id, e.person_id, e.kind, e.org_id, e.category, e.post, e.on_date, e.doc_no, e.reason
  FROM (SELECT s.id AS staff_id, pg_catalog.upper(s.person_id) AS person_id, 'entry' AS kind, s.org_id, s.category, s.post,
			   s.entered_on AS on_date, s.entry_doc AS doc_no, NULL::text AS reason, 0 AS step
		  FROM quota.staff s
		UNION ALL
		SELECT s.id, pg_catalog.upper(s.person_id), 'leave', s.org_id, s.category, s.post, s.left_on, NULL, s.left_reason, 1
		  FROM quota.staff s WHERE s.left_on IS NOT NULL) e
 ORDER BY e.staff_id, e.step;

-- ranks name rows of the rank ladder quota.rank (created by the generated body)
ALTER TABLE quota.org ADD CONSTRAINT org_rank_check CHECK (rank IS NULL OR quota.rank_level(rank) IS NOT NULL);
ALTER TABLE quota.org ADD CONSTRAINT org_rank_fkey FOREIGN KEY (rank) REFERENCES quota.rank (code);

-- the figures of quota.jurisdiction_status kept by delta rows (src/ledger/figures.sql):
-- the summary from the accounts as they are
SELECT quota.rebuild_jurisdiction_figures();
