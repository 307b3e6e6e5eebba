-- Rule errors read well (DESIGN §8, issue 10 item 3): for one error of each
-- rule of quota.rule, raised as the owner, what a handler reads through GET
-- STACKED DIAGNOSTICS -- SQLSTATE 23514, the rule's constraint name, a
-- message in English that names the rule's Chinese term (quota.rule.zh), a
-- detail and a hint, no CONTEXT of the extension's internal SQL -- and no id
-- of a row the failed statement did not keep (the ids the statement drew
-- from quota's sequences, named as "movement 41", "staff 97", ...).
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- the ids quota's sequences have handed out so far
CREATE FUNCTION pg_temp.drawn() RETURNS TABLE (seq text, last bigint) LANGUAGE sql AS $$
	SELECT s.sequencename::text, COALESCE(pg_catalog.pg_sequence_last_value(format('quota.%I', s.sequencename)::regclass), 0)
	  FROM pg_catalog.pg_sequences s WHERE s.schemaname = 'quota'
$$;

-- runs a statement that must break rule, and checks the error it raises
CREATE FUNCTION pg_temp.error_text(rule_name text, stmt text)
RETURNS TABLE (rule text, sqlstate_ok boolean, constraint_ok boolean, zh_in_message boolean,
			   detail_ok boolean, hint_ok boolean, no_internal_context boolean, no_rolled_back_id boolean,
			   message text)
LANGUAGE plpgsql AS $$
DECLARE
	st text; cn text; msg text; det text; hnt text; ctx text;
	zh text := (SELECT q.zh FROM quota.rule q WHERE q.name = rule_name);
	before jsonb := (SELECT jsonb_object_agg(d.seq, d.last) FROM pg_temp.drawn() d);
	leaked boolean;
BEGIN
	BEGIN
		EXECUTE stmt;
		RAISE EXCEPTION 'no error: %', stmt;
	EXCEPTION WHEN check_violation THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, msg = MESSAGE_TEXT,
			det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT, ctx = PG_EXCEPTION_CONTEXT;
	END;
	-- an id drawn by the failed statement, named as its row ("movement 41", "record 7")
	SELECT COALESCE(bool_or(msg ~ format('\m(%s) (%s)\M', w.noun,
										 (SELECT string_agg(i::text, '|') FROM generate_series((before ->> d.seq)::bigint + 1, d.last) i))), false)
	  INTO leaked
	  FROM pg_temp.drawn() d
	  CROSS JOIN LATERAL (SELECT CASE regexp_replace(d.seq, '_id_seq$', '')
								 WHEN 'staff_event' THEN 'record|roster record|event'
								 WHEN 'hiring' THEN 'hiring approval|hiring'
								 WHEN 'internal_unit' THEN 'internal unit|unit'
								 ELSE regexp_replace(d.seq, '_id_seq$', '') END AS noun) w
	 WHERE d.last > (before ->> d.seq)::bigint;
	RETURN QUERY SELECT rule_name, st = '23514', cn = rule_name, strpos(msg, zh) > 0,
		COALESCE(det, '') <> '', COALESCE(hnt, '') <> '', ctx !~ '(SQL statement|PL/pgSQL function|SQL function)', NOT leaked, msg;
END
$$;

-- the few facts some rules need: an enforced standard, an evaluation policy, a dissolved org
SELECT quota.install_standard_library() > 0 AS library;
INSERT INTO quota.org_metric VALUES (21, 'beds', 450, current_date);
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_hospital_beds';
INSERT INTO quota.evaluation (org_id, year, grade, score, doc_no)
VALUES (23, extract(year FROM current_date)::int - 1, 'poor', 48, '滨编〔2024〕12号');
INSERT INTO quota.evaluation_policy (grade, blocks_talent, blocks_loans) VALUES ('poor', true, true);
SELECT quota.dissolve_org(26, '滨编〔2024〕12号');
SELECT status FROM quota.org WHERE id = 26;
UPDATE quota.org SET internal_units_approved = 1 WHERE id = 3;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(500), '在编', 24, 'institution', '2024-09-01', '滨编〔2024〕12号');
SELECT count(*) AS movements, (SELECT count(*) FROM quota.staff) AS staff FROM quota.movement;

-- one statement per rule, each breaking only that rule
CREATE TEMP TABLE error_case (n, rule, stmt) AS VALUES
	(1, 'quota_ledger_immutable', $$UPDATE quota.movement SET note = 'x' WHERE id = 1$$),
	(2, 'quota_movement_shape', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
		VALUES ('allocate', 'admin', 1, 10, 11, '滨编〔2024〕12号')$$),
	(3, 'quota_authority', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('allocate', 'institution', 1, 12, 24, '滨农〔2024〕8号')$$),
	(4, 'quota_org_inactive', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('allocate', 'institution', 1, 12, 26, '滨编〔2024〕12号')$$),
	(5, 'quota_category_mismatch', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('allocate', 'institution', 1, 12, 3, '滨编〔2024〕12号')$$),
	(6, 'quota_loan', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('lend', 'institution', 1, 13, 24, '滨编办〔2024〕21号')$$),
	(7, 'quota_evaluation', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
		VALUES ('lend', 'institution', 1, 13, 23, '滨编办〔2024〕21号', current_date + 365)$$),
	(8, 'quota_insufficient', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('allocate', 'admin', 5000, 10, 3, '滨编〔2024〕12号')$$),
	(9, 'quota_over_establishment', $$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		SELECT pg_temp.pid(i), '教师' || i, 23, 'institution', '2024-09-01', '滨编〔2024〕12号' FROM generate_series(1, 96) i$$),
	(10, 'quota_cap_exceeded', $$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no)
		VALUES ('issue', 'admin', 1, 10, '中央编办发〔2024〕7号')$$),
	(11, 'quota_standard_exceeded', $$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
		VALUES ('allocate', 'institution', 100, 12, 21, '滨编〔2024〕12号')$$),
	(12, 'quota_leadership_exceeded', $$INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
		VALUES (pg_temp.pid(501), '主任', 24, 'institution', 'chief', '2024-09-01', '滨编〔2024〕12号')$$),
	(13, 'quota_internal_units', $$INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no)
		VALUES (3, '办公室', true, '滨编〔2024〕12号'), (3, '规划科', false, '滨编〔2024〕12号')$$),
	(14, 'quota_hiring', $$INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
		VALUES (pg_temp.pid(502), '新人', 24, 'institution', 999999, '2024-09-01', '滨编〔2024〕12号')$$),
	(15, 'quota_person_duplicate', $$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		VALUES (pg_temp.pid(500), '在编', 22, 'institution', '2024-09-01', '滨编〔2024〕12号')$$),
	(16, 'quota_headcount_cap', $$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		VALUES (pg_temp.pid(503), '备案', 24, 'filed', '2024-09-01', '滨编〔2024〕12号')$$)
;
SELECT e.* FROM error_case t, LATERAL pg_temp.error_text(t.rule, t.stmt) e ORDER BY t.n;

-- the check can fail: an error naming an id its statement drew (and rolled back) is caught
SELECT rule, no_rolled_back_id, message FROM pg_temp.error_text('quota_loan',
	$$SELECT quota.raise_rule('quota_loan', 'movement', format('movement %s is a control', pg_catalog.nextval('quota.movement_id_seq')), 'd')$$);

-- every rule of quota.rule has its case above
SELECT count(*) AS rules FROM quota.rule;
-- nothing was written by the failed statements
SELECT count(*) AS movements, (SELECT count(*) FROM quota.staff) AS staff,
	   (SELECT count(*) FROM quota.internal_unit) AS internal_units
  FROM quota.movement;
SELECT * FROM quota.verify();
