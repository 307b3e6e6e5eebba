-- The write matrix of the ledger, reference and standards tables (README
-- "Write matrix"): every refused or re-checked cell, as a client reads it
-- (SQLSTATE, constraint name, message), and the books unchanged after a
-- refused statement.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql
-- a fingerprint of the books: every account table
CREATE FUNCTION pg_temp.books() RETURNS text LANGUAGE sql AS $$
	SELECT md5(string_agg(t, ',' ORDER BY t)) FROM (
		SELECT 'p' || row(a.*)::text AS t FROM quota.pool_account a
		UNION ALL SELECT 'o' || row(a.*)::text FROM quota.org_account a
		UNION ALL SELECT 'j' || row(a.*)::text FROM quota.jurisdiction_account a
		UNION ALL SELECT 'l' || row(a.*)::text FROM quota.leader_account a
		UNION ALL SELECT 'm' || count(*)::text FROM quota.movement a
		UNION ALL SELECT 'g' || row(g.id, g.status, g.rank, g.closed_on)::text FROM quota.org g) x
$$;
-- TRUNCATE is refused on every table whose rows carry balances, approvals or rules
SELECT t, pg_temp.try(format('TRUNCATE quota.%I CASCADE', t)) FROM unnest(ARRAY['jurisdiction', 'approval', 'org', 'pool', 'cap',
	'leadership', 'internal_unit', 'duty', 'standard', 'standard_term', 'org_metric', 'category', 'org_kind',
	'category_use', 'policy', 'authority', 'movement']) t;

-- identity columns are GENERATED ALWAYS: no explicit id ahead of the sequence
SELECT pg_temp.try($$INSERT INTO quota.org (id, name, division, kind) VALUES (1000, '抢号单位', '3716', 'institution')$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no)
	VALUES (100000, 'allocate', 'institution', 1, 12, 24, '滨编〔2024〕12号')$$);
SELECT pg_temp.try($$UPDATE quota.org SET id = 999 WHERE id = 26$$);

-- leadership: an approval keeps its org and post; a missing document is quota_authority
INSERT INTO quota.leadership VALUES (24, 'chief', 1, '滨编〔2024〕12号'), (24, 'deputy', 2, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(1, '1975-01-01', '071'), '农推主任', 24, 'institution', 'chief', '正科', '2024-04-01', '滨编〔2024〕12号');
SELECT pg_temp.books() AS books0 \gset
SELECT pg_temp.try($$UPDATE quota.leadership SET org_id = 26 WHERE org_id = 24 AND post = 'chief'$$);
SELECT pg_temp.try($$UPDATE quota.leadership SET post = 'deputy' WHERE org_id = 24 AND post = 'chief'$$);
SELECT pg_temp.try($$DELETE FROM quota.leadership WHERE org_id = 24 AND post = 'chief'$$);
SELECT pg_temp.try($$INSERT INTO quota.leadership VALUES (26, 'chief', 1, '滨编〔2099〕9号')$$);
SELECT pg_temp.try($$UPDATE quota.leadership SET doc_no = '滨编〔2099〕9号' WHERE org_id = 24 AND post = 'deputy'$$);
SELECT org_id, post, approved, filled FROM quota.leader_account WHERE org_id IN (24, 26) ORDER BY 1, 2;

-- caps and internal units: a missing document is quota_authority at the statement
SELECT pg_temp.try($$INSERT INTO quota.cap VALUES ('3716', 'institution', 'level', 99999, '滨编〔2099〕9号')$$);
SELECT pg_temp.try($$INSERT INTO quota.internal_unit (org_id, name, doc_no) VALUES (24, '办公室', '滨编〔2099〕9号')$$);
SELECT pg_temp.try($$INSERT INTO quota.standard (code, name, sector, target, doc_no) VALUES ('x', 'x', 'other', 'leaders', '滨编〔2099〕9号')$$);

-- org rank: not below a leader in post; the leader's free columns stay editable
SELECT pg_temp.try($$UPDATE quota.org SET rank = '副科' WHERE id = 24$$);
SELECT pg_temp.try($$UPDATE quota.staff SET name = '农推中心主任' WHERE org_id = 24 AND post = 'chief'$$);
SELECT pg_temp.try($$UPDATE quota.org SET rank = '正处' WHERE id = 24$$);
UPDATE quota.org SET rank = '正科' WHERE id = 24;
-- 人员总量 not below the people in post
SELECT pg_temp.try($$UPDATE quota.org SET headcount_cap = 0 WHERE id = 24$$);
SELECT pg_temp.try($$UPDATE quota.org SET headcount_cap = 1 WHERE id = 24$$);

-- org status: only through the lifecycle functions
SELECT pg_temp.try($$UPDATE quota.org SET status = 'dissolved' WHERE id = 26$$);
SELECT pg_temp.try($$UPDATE quota.org SET closed_on = current_date WHERE id = 26$$);
SELECT pg_temp.try($$INSERT INTO quota.org (name, division, kind, status) VALUES ('已撤销单位', '3716', 'institution', 'dissolved')$$);
SELECT pg_temp.try($$DELETE FROM quota.org WHERE id = 26$$);

-- approvals: a used one is never deleted (at the statement, not at COMMIT);
-- it keeps its number, issuer and date; its title may be corrected
SELECT pg_temp.try($$DELETE FROM quota.approval WHERE doc_no = '鲁编〔2024〕3号'$$);
SELECT pg_temp.try($$UPDATE quota.approval SET issuer_kind = 'line_department' WHERE doc_no = '鲁编〔2024〕3号'$$);
SELECT pg_temp.try($$UPDATE quota.approval SET title = '关于下达2024年事业编制的通知（更正）' WHERE doc_no = '鲁编〔2024〕3号'$$);
INSERT INTO quota.approval VALUES ('滨编〔2024〕99号', '滨州市机构编制委员会', 'committee', '3716', '2024-09-01', '未使用');
SELECT pg_temp.try($$DELETE FROM quota.approval WHERE doc_no = '滨编〔2024〕99号'$$);

-- jurisdictions and pools: deleted only while nothing is registered or held in them
SELECT pg_temp.try($$DELETE FROM quota.jurisdiction WHERE division = '371621'$$);
SELECT pg_temp.try($$DELETE FROM quota.pool WHERE id = 12$$);
INSERT INTO quota.pool (division, kind, category) VALUES ('371621', 'reserve', 'institution');
SELECT pg_temp.try($$DELETE FROM quota.pool WHERE division = '371621' AND kind = 'reserve'$$);
INSERT INTO quota.jurisdiction VALUES ('371626', '新设县');
SELECT pg_temp.try($$DELETE FROM quota.jurisdiction WHERE division = '371626'$$);
SELECT count(*) AS accounts_left FROM quota.jurisdiction_account WHERE division = '371626';

-- standards: terms are finite and of a sane size; approved_posts is never stored
INSERT INTO quota.standard (code, name, sector, target, category, mode) VALUES ('t', '测试标准', 'other', 'posts', 'institution', 'enforce');
SELECT pg_temp.try($$INSERT INTO quota.standard_term (standard, metric, per_post) VALUES ('t', 'staff_served', 'NaN')$$);
SELECT pg_temp.try($$INSERT INTO quota.standard_term (standard, metric, low_factor, high_factor) VALUES ('t', 'staff_served', 0, 'Infinity')$$);
SELECT pg_temp.try($$INSERT INTO quota.standard_term (standard, metric, fixed_low, fixed_high) VALUES ('t', 'staff_served', 0, 1e300)$$);
SELECT pg_temp.try($$INSERT INTO quota.standard_term (standard, metric, band_from) VALUES ('t', 'staff_served', 'NaN')$$);
SELECT pg_temp.try($$INSERT INTO quota.org_metric VALUES (24, 'approved_posts', 10, current_date)$$);
SELECT pg_temp.try($$INSERT INTO quota.standard_term (standard, metric, per_post) VALUES ('t', 'staff_served', 10)$$);

-- reference data: codes fixed, rows in use kept, policy values valid
SELECT pg_temp.try($$UPDATE quota.category SET code = 'inst' WHERE code = 'institution'$$);
SELECT pg_temp.try($$DELETE FROM quota.category WHERE code = 'institution'$$);
SELECT pg_temp.try($$UPDATE quota.org_kind SET code = 'inst' WHERE code = 'institution'$$);
SELECT pg_temp.try($$DELETE FROM quota.org_kind WHERE code = 'institution'$$);
SELECT pg_temp.try($$DELETE FROM quota.category_use WHERE category = 'institution' AND org_kind = 'institution'$$);
SELECT pg_temp.try($$UPDATE quota.policy SET value = 'lots' WHERE name = 'comprehensive_unit_share'$$);
SELECT pg_temp.try($$UPDATE quota.policy SET value = '1.5' WHERE name = 'comprehensive_unit_share'$$);
SELECT pg_temp.try($$UPDATE quota.policy SET value = 'maybe' WHERE name = 'hiring_approval_required'$$);
SELECT pg_temp.try($$DELETE FROM quota.policy WHERE name = 'loan_default_years'$$);
SELECT pg_temp.try($$UPDATE quota.policy SET value = '5' WHERE name = 'loan_default_years'$$);
SELECT pg_temp.try($$UPDATE quota.authority SET may_authorize = true WHERE issuer_kind = 'line_department'$$);
SELECT pg_temp.try($$DELETE FROM quota.authority WHERE issuer_kind = 'committee'$$);
SELECT pg_temp.try($$UPDATE quota.authority SET description = '编委: 本级' WHERE issuer_kind = 'committee'$$);

-- settle_loans: as_of after today is refused (settling is permanent)
SELECT pg_temp.try($$SELECT * FROM quota.settle_loans(current_date + 1)$$);

-- nothing refused above changed the books (the leadership rows and the
-- policy value changed by the statements that were accepted)
SELECT pg_temp.books() = :'books0' AS books_unchanged_by_refusals;
-- dates: not before the approval was issued, not before the source held the posts
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
	VALUES ('allocate', 'institution', 1, 12, 24, '滨编〔2024〕12号', '2024-02-01')$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
	VALUES ('issue', 'institution', 5, 14, '中央编办发〔2024〕7号', '2024-01-10')$$);
INSERT INTO quota.pool (division, kind, category) VALUES ('371621', 'reserve', 'institution');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no)
SELECT 'issue', 'institution', 3, id, '中央编办发〔2024〕7号' FROM quota.pool WHERE division = '371621' AND kind = 'reserve';
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
	SELECT 'allocate', 'institution', 2, id, 31, '惠编〔2024〕4号', '2024-06-01' FROM quota.pool WHERE division = '371621' AND kind = 'reserve'$$);
SELECT count(*) AS posts_from_nothing FROM quota.establishment_at('2010-01-01');
-- a backdated allocation from a pool that held the posts then is accepted
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
	VALUES ('allocate', 'institution', 1, 12, 24, '滨编〔2024〕12号', '2024-06-01')$$);
-- loans need a finite term
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'institution', 1, 13, 24, '滨编办〔2024〕21号', 'infinity')$$);
-- a document number longer than any approval's (whose first 255 bytes name one) is
-- quota_authority at the statement, not 23503 at COMMIT
INSERT INTO quota.approval VALUES (repeat('编', 85), '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '长文号');
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 24, repeat('编', 85))$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 24, repeat('编', 85) || 'x')$$);
-- amounts near 2^31: the rule, not a numeric overflow
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no)
	VALUES ('issue', 'institution', 2147483647, 14, '中央编办发〔2024〕7号')$$);
SELECT pg_temp.try($$SELECT quota.transfer(24, 26, 'institution', 2147483647, '滨编〔2024〕12号')$$);
SELECT pg_temp.try($$SELECT quota.merge_orgs(ARRAY[26], 24, '滨编〔2024〕12号', '{"institution": 2147483648}')$$);
INSERT INTO quota.duty (org_id, name) VALUES (7, '农产品质量监管');
SELECT pg_temp.try($$SELECT quota.move_duty((SELECT max(id) FROM quota.duty), 8, '{"admin": 2147483648}', '{}', '滨编〔2024〕15号')$$);

SELECT count(*) AS verify_findings FROM quota.verify();
