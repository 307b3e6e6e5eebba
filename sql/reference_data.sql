-- Reference data is data: a category, org kind, category use or policy value
-- added or changed at run time behaves exactly like a seeded one.  Here a
-- newcomer adds a category usable only by public-security organs, with its
-- own control number -- reference rows only, no C.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

-- the seeded categories that cross jurisdictions only with a central issuer
SELECT code, central_across FROM quota.category ORDER BY code;

-- 公安专项编制 (an example): public-security organs only, central approval to cross jurisdictions
INSERT INTO quota.category (code, name, description, central_across)
VALUES ('police_special', '公安专项编制', 'ring-fenced posts of public-security organs', true);
INSERT INTO quota.category_use (category, org_kind) VALUES ('police_special', 'public_security');
-- accounts opened at every jurisdiction, as for a seeded category
SELECT division, level_held, subtree_held, level_ceiling FROM quota.jurisdiction_account
 WHERE category = 'police_special' ORDER BY division;
-- a jurisdiction registered later opens its account too
INSERT INTO quota.jurisdiction VALUES ('371626', '新设县');
SELECT count(*) AS new_county_accounts FROM quota.jurisdiction_account WHERE division = '371626' AND category = 'police_special';

-- its own control number: 40 at the city level
INSERT INTO quota.pool (division, kind, category) VALUES ('3716', 'unallocated', 'police_special'),
	('371621', 'unallocated', 'police_special');
INSERT INTO quota.cap VALUES ('3716', 'police_special', 'level', 40, '中央编办发〔2024〕7号');
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
	SELECT 'issue', 'police_special', 50, id, '中央编办发〔2024〕7号', '2024-01-10' FROM quota.pool
	 WHERE division = '3716' AND category = 'police_special'$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
	SELECT 'issue', 'police_special', 40, id, '中央编办发〔2024〕7号', '2024-01-10' FROM quota.pool
	 WHERE division = '3716' AND category = 'police_special'$$);
-- a cap below what is held is refused
SELECT pg_temp.try($$UPDATE quota.cap SET ceiling = 30 WHERE division = '3716' AND category = 'police_special'$$);
-- usable by public security only
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	SELECT 'allocate', 'police_special', 5, id, 2, '滨编〔2024〕12号' FROM quota.pool
	 WHERE division = '3716' AND category = 'police_special'$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	SELECT 'allocate', 'police_special', 30, id, 5, '滨编〔2024〕12号' FROM quota.pool
	 WHERE division = '3716' AND category = 'police_special'$$);
-- crossing to the county needs a central issuer (central_across), like admin posts
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	SELECT 'delegate', 'police_special', 2, f.id, t.id, '鲁编〔2024〕3号' FROM quota.pool f, quota.pool t
	 WHERE f.division = '3716' AND t.division = '371621' AND f.category = 'police_special' AND t.category = 'police_special'$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	SELECT 'delegate', 'police_special', 2, f.id, t.id, '中央编办发〔2024〕7号' FROM quota.pool f, quota.pool t
	 WHERE f.division = '3716' AND t.division = '371621' AND f.category = 'police_special' AND t.category = 'police_special'$$);
-- staff of the category: a vacancy is needed, as for any category
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(i, '1990-01-01', '081'), '特警' || i, 5, 'police_special', current_date, '滨编〔2024〕12号'
FROM generate_series(1, 30) i;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(31, '1990-01-01', '081'), '特警31', 5, 'police_special', current_date, '滨编〔2024〕12号')$$);
SELECT org_id, category, approved, occupied, vacancy FROM quota.org_status WHERE category = 'police_special';
SELECT division, category, level_held, subtree_held, unallocated FROM quota.jurisdiction_status
 WHERE category = 'police_special' ORDER BY division;

-- a category turned off for crossing: the rule follows the row
UPDATE quota.category SET central_across = false WHERE code = 'police_special';
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	SELECT 'delegate', 'police_special', 1, f.id, t.id, '鲁编〔2024〕3号' FROM quota.pool f, quota.pool t
	 WHERE f.division = '3716' AND t.division = '371621' AND f.category = 'police_special' AND t.category = 'police_special'$$);

-- a policy value changed at run time is read by the rules
UPDATE quota.policy SET value = '1' WHERE name = 'loan_default_years';
SELECT quota.policy_value('loan_default_years') AS loan_years;

SELECT * FROM quota.violations WHERE category = 'police_special';
SELECT count(*) AS verify_findings FROM quota.verify();
