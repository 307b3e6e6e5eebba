-- pgTAP: quota.verify() recomputes every internal account, counter and key
-- from the user tables.  Each test corrupts one internal table by hand (as the
-- owner, as only the owner can), or uses one of the known bypasses of
-- DESIGN.md §9, inside a subtransaction that is rolled back, and shows that
-- verify() names it with a stable check_name.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SET LOCAL client_min_messages = warning;
\i test/fixtures/binzhou.sql
\i test/fixtures/activity.sql
SELECT plan(51);
-- the fixture's deferred key checks (documents of leadership approvals, caps) are done,
-- so a TRUNCATE below meets no pending trigger events
SET CONSTRAINTS ALL IMMEDIATE;

-- every internal table holds something: a hiring approval partly filled, a
-- talent draw, a merge target, leadership posts, a cap, a loan
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (24, 'institution', 3, '滨编〔2024〕12号');
SELECT id AS hid FROM quota.hiring WHERE org_id = 24 \gset
INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
VALUES (pg_temp.pid(1, '1990-01-01', '051'), '用编人员', 24, 'institution', :hid, current_date, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
VALUES (pg_temp.pid(2, '1990-01-01', '051'), '人才', 23, 'institution', 'A', current_date, '滨编〔2024〕12号');
SELECT id AS talent FROM quota.staff WHERE name = '人才' \gset
SELECT loan_id AS draw FROM quota.talent_draw WHERE staff_id = :talent \gset
UPDATE quota.staff SET left_on = current_date, left_reason = '调出' WHERE id = 3;
SELECT quota.merge_orgs(ARRAY[26]::bigint[], 21, '滨编〔2024〕15号');
-- a subtree cap: its account keeps the subtree figure at write time
INSERT INTO quota.cap (division, category, scope, ceiling, doc_no) VALUES ('37', 'institution', 'subtree', 100000, '中央编办发〔2024〕7号');

-- pg_temp.found_after(corruption): the check names verify() returns right
-- after the corruption, which is then undone (the subtransaction is rolled back)
CREATE FUNCTION pg_temp.found_after(corrupt text) RETURNS text[] LANGUAGE plpgsql AS $f$
DECLARE
	r text[];
BEGIN
	BEGIN
		EXECUTE corrupt;
		SELECT COALESCE(array_agg(DISTINCT v.check_name ORDER BY v.check_name), '{}') INTO r FROM quota.verify() v;
		RAISE EXCEPTION 'undo' USING ERRCODE = 'QV001';
	EXCEPTION WHEN SQLSTATE 'QV001' THEN
		NULL;
	END;
	RETURN r;
END $f$;
CREATE FUNCTION pg_temp.names(corrupt text, check_name text) RETURNS boolean LANGUAGE plpgsql AS $f$
DECLARE
	r text[] := pg_temp.found_after(corrupt);
BEGIN
	IF NOT check_name = ANY (r) THEN
		RAISE WARNING 'verify() after % found %', corrupt, r;
	END IF;
	RETURN check_name = ANY (r);
END $f$;

SELECT is((SELECT count(*) FROM quota.verify()), 0::bigint, 'the books are consistent before any corruption');
SELECT is((SELECT count(*) FROM quota.talent_draw), 1::bigint, 'the talent hire drew a post');
SELECT is((SELECT count(*) FROM quota.reform_excess), 1::bigint, 'the merge recorded its target');

-- org accounts
SELECT ok(pg_temp.names($$UPDATE quota.org_account SET approved = approved + 1 WHERE org_id = 24$$, 'org_approved'), 'org_account.approved: org_approved');
SELECT ok(pg_temp.names($$UPDATE quota.org_account SET borrowed = borrowed - 1 WHERE org_id = 20$$, 'org_borrowed'), 'org_account.borrowed: org_borrowed');
SELECT ok(pg_temp.names($$UPDATE quota.org_account SET occupied = occupied + 1 WHERE org_id = 8$$, 'org_occupied'), 'org_account.occupied: org_occupied');
SELECT ok(pg_temp.names($$UPDATE quota.org_account SET reserved = reserved + 1 WHERE org_id = 24$$, 'org_reserved'), 'org_account.reserved: org_reserved');
SELECT ok(pg_temp.names($$DELETE FROM quota.org_account WHERE org_id = 8$$, 'org_occupied'), 'a deleted org account with staff: org_occupied');
SELECT ok(pg_temp.names($$DELETE FROM quota.org_account WHERE org_id = 8$$, 'org_approved'), 'a deleted org account with posts: org_approved');
-- pool accounts and conservation
SELECT ok(pg_temp.names($$UPDATE quota.pool_account SET balance = balance + 1 WHERE pool_id = 12$$, 'pool_balance'), 'pool_account.balance: pool_balance');
SELECT ok(pg_temp.names($$UPDATE quota.pool_account SET balance = balance + 1 WHERE pool_id = 12$$, 'conservation'), 'a post from nowhere: conservation');
SELECT ok(pg_temp.names($$UPDATE quota.pool_account SET lent = lent + 1 WHERE pool_id = 13$$, 'pool_lent'), 'pool_account.lent: pool_lent');
SELECT ok(pg_temp.names($$DELETE FROM quota.pool_account WHERE pool_id = 11$$, 'pool_account_missing'), 'a deleted pool account: pool_account_missing');
-- loans
SELECT ok(pg_temp.names($$UPDATE quota.loan SET outstanding = outstanding - 1 WHERE org_id = 20$$, 'loan_outstanding'), 'loan.outstanding: loan_outstanding');
SELECT ok(pg_temp.names($$DELETE FROM quota.loan WHERE org_id = 20$$, 'loan_missing'), 'a deleted loan: loan_missing');
SELECT ok(pg_temp.names($$UPDATE quota.loan SET expires_on = expires_on + 1 WHERE org_id = 20$$, 'loan_terms'), 'loan.expires_on: loan_terms');
SELECT ok(pg_temp.names($$UPDATE quota.loan SET org_id = 21 WHERE org_id = 20$$, 'loan_terms'), 'loan.org_id: loan_terms');
-- jurisdiction accounts: figures, ceilings, and one row per (jurisdiction, category)
SELECT ok(pg_temp.names($$UPDATE quota.jurisdiction_account SET level_held = level_held + 1 WHERE division = '3716' AND category = 'institution'$$, 'jurisdiction_level_held'), 'jurisdiction_account.level_held: jurisdiction_level_held');
SELECT ok(pg_temp.names($$UPDATE quota.jurisdiction_account SET subtree_held = subtree_held + 1 WHERE division = '37' AND category = 'institution'$$, 'jurisdiction_subtree_held'), 'jurisdiction_account.subtree_held: jurisdiction_subtree_held');
SELECT ok(pg_temp.names($$UPDATE quota.jurisdiction_account SET subtree_held = 0 WHERE division = '3716' AND category = 'institution'$$, 'jurisdiction_subtree_held'), 'a subtree figure where no subtree cap keeps one: jurisdiction_subtree_held');
-- the figures of quota.jurisdiction_status (folded and unfolded delta rows)
SELECT ok(pg_temp.names($$INSERT INTO quota.jurisdiction_figure_delta (division, category, d_occupied) VALUES ('3716', 'institution', 1)$$, 'jurisdiction_figures'), 'a delta row no account change made: jurisdiction_figures');
SELECT ok(pg_temp.names($$DELETE FROM quota.jurisdiction_figure_delta$$, 'jurisdiction_figures'), 'delta rows lost before their fold: jurisdiction_figures');
SELECT ok(pg_temp.names($$UPDATE quota.jurisdiction_account SET level_ceiling = NULL WHERE division = '3716' AND category = 'admin'$$, 'jurisdiction_ceiling'), 'a ceiling dropped behind quota.cap''s back: jurisdiction_ceiling');
SELECT ok(pg_temp.names($$UPDATE quota.jurisdiction_account SET subtree_ceiling = 5 WHERE division = '371603' AND category = 'admin'$$, 'jurisdiction_ceiling'), 'a ceiling with no cap: jurisdiction_ceiling');
SELECT ok(pg_temp.names($$DELETE FROM quota.jurisdiction_account WHERE division = '371603' AND category = 'admin'$$, 'jurisdiction_account_missing'), 'a deleted jurisdiction account: jurisdiction_account_missing');
SELECT ok(pg_temp.names($$SET LOCAL session_replication_role = replica;
	INSERT INTO quota.category (code, name) VALUES ('verify_x', '试验编制')$$, 'jurisdiction_account_missing'),
	'a category added with its accounts suppressed: jurisdiction_account_missing');
-- leadership
SELECT ok(pg_temp.names($$UPDATE quota.leader_account SET approved = approved + 1 WHERE org_id = 7 AND post = 'deputy'$$, 'leaders_approved'), 'leader_account.approved: leaders_approved');
SELECT ok(pg_temp.names($$DELETE FROM quota.leader_account WHERE org_id = 7 AND post = 'chief'$$, 'leaders_approved'), 'a deleted leader account: leaders_approved');
SELECT ok(pg_temp.names($$UPDATE quota.leader_account SET filled = filled - 1 WHERE org_id = 8 AND post = 'chief'$$, 'leaders_filled'), 'leader_account.filled: leaders_filled');
SELECT ok(pg_temp.names($$SET LOCAL session_replication_role = replica;
	TRUNCATE quota.leadership$$, 'leaders_approved'), 'quota.leadership truncated past its triggers: leaders_approved');
SELECT ok(pg_temp.names($$SET LOCAL session_replication_role = replica;
	UPDATE quota.org SET rank = '正科' WHERE id = 8$$, 'leader_rank'), 'an org ranked below its leader: leader_rank');
-- person keys (一编一人)
SELECT ok(pg_temp.names($$DELETE FROM quota.person_post WHERE staff_id = 2$$, 'person_key_missing'), 'a deleted person key: person_key_missing');
SELECT ok(pg_temp.names($$UPDATE quota.person_post SET staff_id = 1 WHERE staff_id = 2$$, 'person_key_stale'), 'a key pointing at another row: person_key_stale');
SELECT ok(pg_temp.names($$INSERT INTO quota.person_post SELECT upper(person_id), id FROM quota.staff WHERE id = 3$$, 'person_key_stale'), 'a key of a departed person: person_key_stale');
-- hiring approvals
SELECT ok(pg_temp.names(format($$UPDATE quota.hiring_account SET used = used + 1 WHERE hiring_id = %s$$, :hid), 'hiring_used'), 'hiring_account.used: hiring_used');
SELECT ok(pg_temp.names(format($$UPDATE quota.hiring_account SET released = true WHERE hiring_id = %s$$, :hid), 'org_reserved'), 'hiring_account.released: org_reserved');
SELECT ok(pg_temp.names(format($$DELETE FROM quota.hiring_account WHERE hiring_id = %s$$, :hid), 'hiring_account_missing'), 'a deleted hiring account: hiring_account_missing');
-- talent draws
SELECT ok(pg_temp.names($$DELETE FROM quota.talent_draw$$, 'talent_draw_missing'), 'a deleted talent draw: talent_draw_missing');
SELECT ok(pg_temp.names($$UPDATE quota.talent_draw SET staff_id = 2$$, 'talent_draw'), 'a draw moved to another person: talent_draw');
SELECT ok(pg_temp.names(format($$UPDATE quota.talent_draw SET loan_id = (SELECT loan_id FROM quota.loan WHERE org_id = 20) WHERE staff_id = %s$$, :talent), 'talent_draw'), 'a draw pointing at another loan: talent_draw');
-- the reform passes and reform excess
SELECT ok(pg_temp.names($$INSERT INTO quota.staff_pass (staff_id, allow_excess) VALUES (2, true)$$, 'staff_pass_leftover'), 'a staff pass outside a call: staff_pass_leftover');
SELECT ok(pg_temp.names($$INSERT INTO quota.reform_pass (org_id) VALUES (24)$$, 'reform_pass_leftover'), 'a reform pass outside a call: reform_pass_leftover');
SELECT ok(pg_temp.names($$INSERT INTO quota.reform_excess (org_id, doc_no) VALUES (30, '惠编〔2024〕4号')$$, 'reform_excess'), 'excess excused at an org no merge reached: reform_excess');
-- the known bypasses (DESIGN.md §9)
SELECT ok(pg_temp.names($$SET LOCAL session_replication_role = replica$$, 'replication_role'), 'session_replication_role = replica: replication_role');
SELECT ok(pg_temp.names($$SET LOCAL session_replication_role = replica;
	INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'admin', 1, 10, 2, '滨编〔2024〕12号')$$, 'org_approved'),
	'a movement written past its trigger: org_approved');
SELECT ok(pg_temp.names($$SET LOCAL session_replication_role = replica;
	INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES (pg_temp.pid(9, '1991-01-01', '051'), '旁路', 8, 'admin', current_date, '滨编〔2024〕12号')$$, 'person_key_missing'),
	'a hire written past its triggers: person_key_missing');
-- (quota.staff's document keys are checked at commit: run them now, ALTER TABLE waits for no pending check)
SET CONSTRAINTS ALL IMMEDIATE;
SELECT ok(pg_temp.names($$ALTER TABLE quota.staff DISABLE TRIGGER staff_changes$$, 'trigger_disabled'), 'a disabled trigger: trigger_disabled');
SELECT ok(pg_temp.names($$ALTER TABLE quota.leadership DISABLE TRIGGER ALL$$, 'trigger_disabled'), 'every trigger of quota.leadership disabled: trigger_disabled');
SELECT ok(pg_temp.names($$CREATE FUNCTION pg_temp.skip() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';
	CREATE TRIGGER aaa_skip BEFORE INSERT ON quota.staff FOR EACH ROW EXECUTE FUNCTION pg_temp.skip()$$, 'trigger_foreign'),
	'a trigger that is not the extension''s: trigger_foreign');
SELECT ok(pg_temp.names($$CREATE RULE skip AS ON UPDATE TO quota.staff DO INSTEAD NOTHING$$, 'rule_foreign'), 'a rule on a quota table: rule_foreign');

SELECT is((SELECT count(*) FROM quota.verify()), 0::bigint, 'every corruption was undone: the books are consistent again');
SELECT * FROM finish();
ROLLBACK;
