-- Errors name orgs as a clerk reads them (issue 10 item 3): a rule error
-- names an org by its id and its name ("org 23 (滨州市实验学校（初中部）)"),
-- whether the roster, the seat accounting or the ledger raises it; an id
-- nothing is registered under reads "no org 999999 is registered", with the
-- rule's constraint name kept (DESIGN §8) and the detail saying why that
-- rule; an error inside quota.split_org names a new org as the call wrote it,
-- never by the id it drew and rolled back; a role subject to jurisdiction
-- scopes gets none of these names (DESIGN §10).  Each statement is undone;
-- its SQLSTATE, constraint name and text are read through GET STACKED
-- DIAGNOSTICS, as the owner (a scoped role's text is redacted).
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- runs a statement that must fail; its error, and whether its message or
-- detail names an org by an id the statement drew from quota.org_id_seq
CREATE FUNCTION pg_temp.error_text(stmt text)
RETURNS TABLE (sqlstate text, constraint_name text, message text, detail text, hint text, drew_org boolean, names_drawn_org boolean)
LANGUAGE plpgsql AS $$
DECLARE
	st text; cn text; msg text; det text; hnt text;
	-- (a role subject to scopes may not read the sequence: then no org id counts as drawn)
	readable boolean := has_sequence_privilege('quota.org_id_seq', 'SELECT');
	org_before bigint := CASE WHEN readable THEN COALESCE(pg_sequence_last_value('quota.org_id_seq'), 0) END;
	org_after bigint;
BEGIN
	BEGIN
		EXECUTE stmt;
		RAISE EXCEPTION 'no error: %', stmt;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, msg = MESSAGE_TEXT,
			det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
	END;
	org_after := CASE WHEN readable THEN COALESCE(pg_sequence_last_value('quota.org_id_seq'), 0) END;
	RETURN QUERY SELECT st, cn, msg, det, hnt, org_after > org_before,
		COALESCE((SELECT bool_or(concat_ws(' ', msg, det) ~* format('\morg %s\M', i))
				    FROM generate_series(org_before + 1, org_after) i), false);
END
$$;

INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (24, 'deputy', 1, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc) VALUES
	(pg_temp.pid(500), '在编', 24, 'institution', 'staff', NULL, '2024-09-01', '滨编〔2024〕12号'),
	(pg_temp.pid(502), '副主任', 24, 'institution', 'deputy', '副科', '2024-09-01', '滨编〔2024〕12号');
SELECT id, name, post, post_rank FROM quota.staff ORDER BY id;
SELECT count(*) AS movements, (SELECT count(*) FROM quota.staff) AS staff, (SELECT count(*) FROM quota.org) AS orgs
  FROM quota.movement;

-- 1. the org's name is in the message, from every place that names an org
CREATE TEMP TABLE named_case (n, what, org_id, stmt) AS VALUES
	(1, 'entry: no vacancy (seats.c)', 23::bigint, $$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		SELECT pg_temp.pid(i), '教师' || i, 23, 'institution', '2024-09-01', '滨编〔2024〕12号' FROM generate_series(1, 96) i$$),
	(2, 'entry: no free leader post (seats.c, looked up)', 24, $$INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
		VALUES (pg_temp.pid(501), '主任', 24, 'institution', 'chief', '2024-09-01', '滨编〔2024〕12号')$$),
	(3, 'entry: filed staff without a cap (entries.c)', 24, $$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		VALUES (pg_temp.pid(503), '备案', 24, 'filed', '2024-09-01', '滨编〔2024〕12号')$$),
	(4, 'entry: category the org may not hold (entries.c)', 3, $$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		VALUES (pg_temp.pid(504), '错类', 3, 'institution', '2024-09-01', '滨编〔2024〕12号')$$),
	(5, 'move: category the org may not hold (changes.c)', 3, $$UPDATE quota.staff SET org_id = 3, change_doc = '滨编〔2024〕12号' WHERE name = '在编'$$),
	(6, 'movement: too few vacant posts (movement_apply.c)', 24, $$INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no)
		VALUES ('recall', 'institution', 500, 24, 12, '滨编〔2024〕12号')$$),
	(7, 'movement: staffing standard (movement_standards.c)', 21, $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('allocate', 'institution', 100, 12, 21, '滨编〔2024〕12号')$$);
SELECT quota.install_standard_library() > 0 AS library;
INSERT INTO quota.org_metric VALUES (21, 'beds', 450, current_date);
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_hospital_beds';
WITH e AS (SELECT t.n, t.what, t.org_id, x.* FROM named_case t, LATERAL pg_temp.error_text(t.stmt) x)
SELECT e.n, e.what, e.sqlstate, e.constraint_name,
	   strpos(e.message, format('org %s (%s)', e.org_id, (SELECT o.name FROM quota.org o WHERE o.id = e.org_id))) > 0 AS names_org,
	   e.message
  FROM e ORDER BY e.n;

-- 2. an id nothing is registered under: what happened, the rule kept
CREATE TEMP TABLE unknown_case (n, what, stmt) AS VALUES
	(1, 'entry (entries.c)', $$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		VALUES (pg_temp.pid(505), '无处', 999999, 'institution', '2024-09-01', '滨编〔2024〕12号')$$),
	(2, 'move (changes.c)', $$UPDATE quota.staff SET org_id = 999999, change_doc = '滨编〔2024〕12号' WHERE name = '在编'$$),
	(3, 'movement (movement_checks.c)', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('allocate', 'institution', 1, 12, 999999, '滨编〔2024〕12号')$$),
	(4, 'hiring approval (reference check)', $$INSERT INTO quota.hiring (org_id, category, slots, doc_no, issued_on, valid_until)
		VALUES (999999, 'institution', 1, '滨编〔2024〕12号', '2024-09-01', current_date + 30)$$);
WITH e AS (SELECT t.n, t.what, x.* FROM unknown_case t, LATERAL pg_temp.error_text(t.stmt) x)
SELECT e.n, e.what, e.sqlstate, e.constraint_name, e.message,
	   e.message ~ 'no org 999999 is registered' AND e.message !~ 'does not exist' AS says_not_registered,
	   e.detail
  FROM e ORDER BY e.n;

-- 3. quota.split_org: an error inside it names the new org as written,
-- never by the id it drew (the org sequence moves on; the id is not in the text)
CREATE TEMP TABLE split_case (n, what, stmt) AS VALUES
	(1, 'the new org may not hold the posts (ledger)', $$SELECT quota.split_org(3,
		'[{"name": "滨州市发展研究中心", "kind": "institution", "posts": {"admin": 2}}]', '滨编〔2024〕12号')$$),
	(2, 'the new org in a county, no central approval (ledger)', $$SELECT quota.split_org(3,
		'[{"name": "惠民县发展服务中心", "kind": "government_organ", "division": "371621", "posts": {"admin": 2}}]', '滨编〔2024〕12号')$$),
	(3, 'a leader above the new org''s rank (roster)', $$SELECT quota.split_org(24,
		'[{"name": "滨州市农技推广站", "kind": "institution", "rank": "股", "posts": {"institution": 5}, "persons": [2]}]', '滨编〔2024〕12号')$$);
WITH e AS (SELECT t.n, t.what, x.* FROM split_case t, LATERAL pg_temp.error_text(t.stmt) x)
SELECT e.n, e.what, e.sqlstate, e.constraint_name,
	   e.message ~ 'the new org "' AS names_new_org, e.drew_org, e.names_drawn_org, e.message, e.detail
  FROM e ORDER BY e.n;
-- (each call drew an org id -- drew_org -- and kept none)
SELECT count(*) AS orgs FROM quota.org;
-- the check can fail: an error naming the org id its statement drew is caught
SELECT e.drew_org, e.names_drawn_org, e.message FROM pg_temp.error_text($$SELECT quota.raise_rule('quota_org_inactive', 'org', format('org %s is a control', pg_catalog.nextval('quota.org_id_seq')), 'd')$$) e;

-- 4. a role subject to jurisdiction scopes: the rule, no name (DESIGN §10)
-- (roles and scopes are the owner's: SET ROLE NONE keeps the owner's session)
SET ROLE NONE;
SELECT count(*) AS ready FROM (SELECT quota.setup_roles(), quota.enable_scopes()) x;
DROP ROLE IF EXISTS quota_error_names_county;
CREATE ROLE quota_error_names_county NOLOGIN IN ROLE quota_admin;
INSERT INTO quota.scope VALUES ('quota_error_names_county', '371621');
SET ROLE quota_error_names_county;
SELECT e.sqlstate, e.constraint_name, e.message, e.detail,
	   strpos(e.message || COALESCE(e.detail, ''), '惠民县') = 0 AS no_name
  FROM pg_temp.error_text($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		SELECT pg_temp.pid(600 + i), '医生' || i, 30, 'institution', '2024-09-01', '惠编〔2024〕4号' FROM generate_series(1, 701) i$$) e;
RESET ROLE;
-- (the same statement as the owner names the org: the check above can fail)
SELECT strpos(e.message, '惠民县人民医院') > 0 AS owner_sees_name FROM pg_temp.error_text($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		SELECT pg_temp.pid(600 + i), '医生' || i, 30, 'institution', '2024-09-01', '惠编〔2024〕4号' FROM generate_series(1, 701) i$$) e;
SET ROLE NONE;
DELETE FROM quota.scope WHERE role = 'quota_error_names_county';
DROP ROLE quota_error_names_county;
RESET ROLE;

-- nothing was written by the failed statements
SELECT count(*) AS movements, (SELECT count(*) FROM quota.staff) AS staff, (SELECT count(*) FROM quota.org) AS orgs
  FROM quota.movement;
SELECT * FROM quota.verify();
