-- An unknown reference is a named error at the statement, never a raw 23503
-- (issue 13, README "Errors"): a ledger row naming an org, pool, category or
-- loan that does not exist is quota_movement_shape / quota_category_mismatch
-- (the ledger's keys are deferred; its trigger speaks first); every other
-- user table names the §8 rule that fits (an unknown org: quota_org_inactive;
-- category or org kind: quota_category_mismatch; issuer kind or document:
-- quota_authority) or, where none fits, its foreign key (23514).  Deleting or
-- re-keying a row others name is 55000 at the statement.  Each refusal
-- writes nothing.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i demo/01_binzhou.sql
\i demo/people.sql
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	cn text;
	msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, msg = MESSAGE_TEXT;
	RETURN st || ' ' || COALESCE(NULLIF(cn, ''), '-') || ': ' || msg;
END
$$;
-- a fingerprint of every table of the schema
CREATE FUNCTION pg_temp.everything() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	t text;
	h text;
	acc text := '';
BEGIN
	-- (every table the session may read: all of them for the owner)
	FOR t IN SELECT relname FROM pg_class WHERE relnamespace = 'quota'::regnamespace AND relkind = 'r'
			   AND has_table_privilege(oid, 'SELECT') ORDER BY 1 LOOP
		EXECUTE format('SELECT count(*) || '':'' || COALESCE(sum(hashtext(x::text)::bigint), 0) FROM quota.%I x', t) INTO h;
		acc := acc || t || '=' || h || ' ';
	END LOOP;
	RETURN md5(acc);
END
$$;
SELECT pg_temp.everything() AS before \gset

-- the ledger: an unknown account, category or loan, each at the statement.
-- (Run as the owner: a role under jurisdiction scopes that names an org or
-- pool outside its scope -- an unknown one is -- gets 42501 from row-level
-- security before the ledger trigger runs; tools/test-scoped-suite.sh runs
-- SET ROLE ... RESET ROLE as the owner.)
SET ROLE NONE;
SELECT k, pg_temp.try(s) FROM (VALUES
	('from_pool', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 999999, 24, '滨编〔2024〕12号')$$),
	('to_org', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 12, 999999, '滨编〔2024〕12号')$$),
	('from_org', $$INSERT INTO quota.movement (kind, category, amount, from_org, to_org, doc_no) VALUES ('transfer', 'institution', 1, 999999, 24, '滨编〔2024〕12号')$$),
	('to_pool', $$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'institution', 1, 999999, '中央编办发〔2024〕7号')$$),
	('retire_org', $$INSERT INTO quota.movement (kind, category, amount, from_org, doc_no) VALUES ('retire', 'institution', 1, 999999, '滨编〔2024〕12号')$$),
	('category', $$INSERT INTO quota.movement (kind, category, amount, from_org, doc_no) VALUES ('retire', 'no_such_category', 1, 24, '滨编〔2024〕12号')$$),
	('category_pools', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no) VALUES ('delegate', 'no_such_category', 1, 1, 12, '鲁编〔2024〕3号')$$),
	('loan', $$INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, loan_id, doc_no) VALUES ('repay', 'institution', 1, 24, 13, 999999, '滨编〔2024〕12号')$$),
	-- §8 order: a missing document (quota_authority) is reported after the shape
	('org_and_doc', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 12, 999999, '无此文号')$$),
	('category_and_doc', $$INSERT INTO quota.movement (kind, category, amount, from_org, doc_no) VALUES ('retire', 'no_such_category', 1, 24, '无此文号')$$),
	-- one bad row among good ones: the whole statement is refused
	('multi_row', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 12, 24, '滨编〔2024〕12号'), ('allocate', 'institution', 1, 12, 999999, '滨编〔2024〕12号')$$)
	) v (k, s);
RESET ROLE;

-- every other user table
SELECT k, pg_temp.try(s) FROM (VALUES
	('approval.issuer_kind', $$INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on) VALUES ('新〔2024〕1号', '某局', 'no_such_kind', '371600', '2024-01-01')$$),
	('org.division', $$INSERT INTO quota.org (name, division, kind) VALUES ('新单位', '371699', 'institution')$$),
	('org.kind', $$INSERT INTO quota.org (name, division, kind) VALUES ('新单位', '371600', 'no_such_kind')$$),
	('org.parent_id', $$INSERT INTO quota.org (name, division, kind, parent_id) VALUES ('新单位', '371600', 'institution', 999999)$$),
	('org.parent_id upd', $$UPDATE quota.org SET parent_id = 0 WHERE id = 24$$),
	('org.kind upd', $$UPDATE quota.org SET kind = 'no_such_kind' WHERE id = 26$$),
	('pool.division', $$INSERT INTO quota.pool (division, kind, category) VALUES ('371699', 'reserve', 'institution')$$),
	('pool.category', $$INSERT INTO quota.pool (division, kind, category) VALUES ('371600', 'reserve', 'no_such_category')$$),
	('cap.division', $$INSERT INTO quota.cap (division, category, scope, ceiling, doc_no) VALUES ('371699', 'institution', 'level', 10, '滨编〔2024〕12号')$$),
	('cap.category', $$INSERT INTO quota.cap (division, category, scope, ceiling, doc_no) VALUES ('371600', 'no_such_category', 'level', 10, '滨编〔2024〕12号')$$),
	('cap.doc_no', $$INSERT INTO quota.cap (division, category, scope, ceiling, doc_no) VALUES ('371600', 'no_such_category', 'level', 10, '无此文号')$$),
	('hiring.org_id', $$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (999999, 'institution', 1, '滨编〔2024〕12号')$$),
	('hiring.category', $$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (24, 'no_such_category', 1, '滨编〔2024〕12号')$$),
	('hiring.doc_no', $$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (999999, 'institution', 1, '无此文号')$$),
	('leadership.org_id', $$INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (999999, 'chief', 1, '滨编〔2024〕12号')$$),
	('internal_unit.org_id', $$INSERT INTO quota.internal_unit (org_id, name, doc_no) VALUES (999999, '办公室', '滨编〔2024〕12号')$$),
	('duty.org_id', $$INSERT INTO quota.duty (org_id, name) VALUES (999999, '职责')$$),
	('org_metric.org_id', $$INSERT INTO quota.org_metric (org_id, metric, value, as_of) VALUES (999999, 'beds', 10, '2024-01-01')$$),
	('standard.category', $$INSERT INTO quota.standard (code, name, sector, target, category, mode, doc_no) VALUES ('s1', '标准', 'hospital', 'posts', 'no_such_category', 'warn', '滨编〔2024〕12号')$$),
	('standard_term.standard', $$INSERT INTO quota.standard_term (standard, metric, per_post) VALUES ('no_such_standard', 'beds', 1)$$),
	('category_use.category', $$INSERT INTO quota.category_use (category, org_kind) VALUES ('no_such_category', 'institution')$$),
	('category_use.org_kind', $$INSERT INTO quota.category_use (category, org_kind) VALUES ('institution', 'no_such_kind')$$),
	('evaluation.grade', $$INSERT INTO quota.evaluation (org_id, year, grade, doc_no) VALUES (24, 2024, 'no_such_grade', '滨编〔2024〕12号')$$),
	('evaluation.org_id', $$INSERT INTO quota.evaluation (org_id, year, grade, doc_no) VALUES (999999, 2024, 'good', '滨编〔2024〕12号')$$),
	('evaluation.doc_no', $$INSERT INTO quota.evaluation (org_id, year, grade, doc_no) VALUES (999999, 2024, 'good', '无此文号')$$),
	('evaluation_policy.grade', $$INSERT INTO quota.evaluation_policy (grade) VALUES ('no_such_grade')$$)
	) v (k, s);
SELECT pg_temp.everything() = :'before' AS nothing_written;

-- the other side: a row others name is not deleted or re-keyed (55000, at the statement)
INSERT INTO quota.org (name, division, kind) VALUES ('新设中心', '371600', 'institution'), ('新设中心下属', '371600', 'institution');
UPDATE quota.org SET parent_id = (SELECT id FROM quota.org WHERE name = '新设中心') WHERE name = '新设中心下属';
INSERT INTO quota.org (name, division, kind) VALUES ('有指标的中心', '371600', 'institution');
INSERT INTO quota.org_metric (org_id, metric, value, as_of) SELECT id, 'beds', 10, '2024-01-01' FROM quota.org WHERE name = '有指标的中心';
INSERT INTO quota.standard (code, name, sector, target, category, mode, doc_no) VALUES ('s1', '标准', 'hospital', 'posts', 'institution', 'warn', '滨编〔2024〕12号');
INSERT INTO quota.standard_term (standard, metric, per_post) VALUES ('s1', 'beds', 1);
INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on) VALUES ('滨编〔2024〕30号', '市编委', 'committee', '371600', '2024-01-01');
INSERT INTO quota.evaluation (org_id, year, grade, doc_no) VALUES (24, 2024, 'good', '滨编〔2024〕30号');
SELECT pg_temp.everything() AS before \gset
SELECT k, pg_temp.try(s) FROM (VALUES
	('parent', $$DELETE FROM quota.org WHERE name = '新设中心'$$),
	('metrics', $$DELETE FROM quota.org WHERE name = '有指标的中心'$$),
	('standard code', $$UPDATE quota.standard SET code = 's2' WHERE code = 's1'$$),
	('evaluation doc', $$DELETE FROM quota.approval WHERE doc_no = '滨编〔2024〕30号'$$),
	('evaluation doc no', $$UPDATE quota.approval SET doc_no = '滨编〔2024〕31号' WHERE doc_no = '滨编〔2024〕30号'$$)
	) v (k, s);
SELECT pg_temp.everything() = :'before' AS nothing_written;
-- what nothing names goes: the child first, then its parent; a standard without terms changes its code
DELETE FROM quota.org WHERE name = '新设中心下属';
DELETE FROM quota.org WHERE name = '新设中心';
DELETE FROM quota.standard_term WHERE standard = 's1';
UPDATE quota.standard SET code = 's2' WHERE code = 's1';
SELECT code FROM quota.standard;

-- good rows still go through, and their keys hold at commit
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 12, 24, '滨编〔2024〕12号');
INSERT INTO quota.duty (org_id, name) VALUES (24, '农技推广');
SELECT count(*) AS movements_to_24 FROM quota.movement WHERE to_org = 24;
SELECT * FROM quota.verify();

-- the rank ladder and the grades: a rank or grade in use keeps its code (a rank its level) and stays
SELECT pg_temp.everything() AS before \gset
SELECT k, pg_temp.try(s) FROM (VALUES
	('rank delete', $$DELETE FROM quota.rank WHERE code = '正科'$$),
	('rank code', $$UPDATE quota.rank SET code = '正科级' WHERE code = '正科'$$),
	('rank level', $$UPDATE quota.rank SET level = 10 WHERE code = '正科'$$),
	('grade delete', $$DELETE FROM quota.grade WHERE code = 'good'$$),
	('grade code', $$UPDATE quota.grade SET code = 'fine' WHERE code = 'good'$$)
	) v (k, s);
SELECT pg_temp.everything() = :'before' AS nothing_written;
-- names are free; an unused rank goes
UPDATE quota.rank SET name = 'full section (科级)' WHERE code = '正科';
INSERT INTO quota.rank (code, level, name) VALUES ('试用', 20, 'trial');
DELETE FROM quota.rank WHERE code = '试用';
SELECT * FROM quota.verify();
