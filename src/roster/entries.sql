-- src/roster/entries.sql: roster entries (入编): the statement trigger on INSERT into quota.staff (C)
-- The trigger is C (src/roster/entries.c): one pass over the statement's rows
-- keeps only what is per key (orgs, categories, documents, ranks, hiring
-- approvals, seats per account), one kept query per referenced table looks
-- them up and locks them FOR KEY SHARE (quota.staff has no row-level foreign
-- keys), and the rules are reported and applied in the order of DESIGN.md §8:
-- dates (quota_movement_shape), documents (quota_authority, through
-- quota_issuer_covers), orgs (quota_org_inactive), categories
-- (quota_category_mismatch), vacancies per (org, category) in ascending order
-- (quota_loan, quota_over_establishment; the slow paths through quota.occupy),
-- talent hires one by one (quota.talent_seat), ranks and leadership posts
-- (quota_leadership_exceeded, quota.lead), hiring approvals (quota_hiring),
-- one post per person (quota_person_duplicate, the key of quota.person_post)
-- and headcount caps (quota_headcount_cap).  It writes the change records
-- (quota.staff_event): an entry per row, and the departure of a row inserted
-- as history (left_on set).
CREATE FUNCTION quota.staff_entries() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_staff_entries' LANGUAGE C;
COMMENT ON FUNCTION quota.staff_entries() IS 'statement trigger (C): checks and counts every entry a statement made, set-wise';
CREATE TRIGGER staff_entries AFTER INSERT ON quota.staff
	REFERENCING NEW TABLE AS new_staff FOR EACH STATEMENT WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.staff_entries();
COMMENT ON TRIGGER staff_entries ON quota.staff IS 'entries (入编): vacancy, leadership, hiring, one post per person, headcount cap';
