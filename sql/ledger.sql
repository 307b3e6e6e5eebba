-- The establishment ledger: accounts, movements, rules and their errors
\set VERBOSITY default
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;

-- a small tree: 山东省 > 滨州市 > 滨城区, 惠民县; 济南市 elsewhere
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('371602', '滨城区'),
	('371621', '惠民县'), ('3701', '济南市');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕1号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-05', '核增'),
	('鲁编〔2024〕3号', '山东省机构编制委员会', 'committee', '37', '2024-02-01', '下达'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定'),
	('滨城编〔2024〕1号', '滨城区机构编制委员会', 'committee', '371602', '2024-03-02', '区内调剂'),
	('滨农〔2024〕5号', '滨州市农业农村局', 'line_department', '3716', '2024-03-03', '业务部门文件'),
	('济编〔2024〕2号', '济南市机构编制委员会', 'committee', '3701', '2024-03-04', '济南');
-- a central issuer has no division, every other issuer has one
INSERT INTO quota.approval VALUES ('x', 'x', 'office', NULL, NULL, NULL);

INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(1, '37', 'unallocated', 'admin'), (2, '3716', 'unallocated', 'admin'),
	(3, '3716', 'reserve', 'admin'), (4, '3716', 'unallocated', 'institution'),
	(5, '3716', 'turnover', 'institution'), (6, '371602', 'unallocated', 'admin'),
	(7, '3701', 'unallocated', 'admin'), (8, '37', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind, sector, rank) OVERRIDING SYSTEM VALUE VALUES
	(1, '滨州市发展和改革委员会', '3716', 'government_organ', NULL, '正处'),
	(2, '滨州市农业农村局', '3716', 'government_organ', NULL, '正处'),
	(3, '滨州市人民医院', '3716', 'institution', 'hospital', '正处'),
	(4, '滨州市第一中学', '3716', 'institution', 'school_senior', '正科'),
	(5, '滨州市委农村工作领导小组', '3716', 'coordination_body', NULL, NULL),
	(6, '滨城区发展和改革局', '371602', 'government_organ', NULL, '正科'),
	(7, '滨州市公安局', '3716', 'public_security', NULL, '正处');

-- issue from above, delegate down, allocate to orgs
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES
	('issue', 'admin', 500, 1, '中央编办发〔2024〕1号'),
	('issue', 'institution', 3000, 8, '中央编办发〔2024〕1号');
-- admin posts change level only with a central approval (R1.4); institution posts with the province's
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no) VALUES
	('delegate', 'admin', 200, 1, 2, '鲁编〔2024〕3号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no) VALUES
	('delegate', 'admin', 200, 1, 2, '中央编办发〔2024〕1号'),
	('delegate', 'institution', 1500, 8, 4, '鲁编〔2024〕3号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no) VALUES
	('delegate', 'admin', 15, 2, 3, '滨编〔2024〕12号'),
	('delegate', 'institution', 100, 4, 5, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'admin', 50, 2, 1, '滨编〔2024〕12号'),
	('allocate', 'admin', 40, 2, 2, '滨编〔2024〕12号'),
	('allocate', 'institution', 600, 4, 3, '滨编〔2024〕12号'),
	('allocate', 'institution', 120, 4, 4, '滨编〔2024〕12号');
SELECT * FROM quota.pool_balance ORDER BY pool_id;
SELECT org_id, org_name, category, approved, borrowed, occupied, vacancy, over FROM quota.org_status ORDER BY org_id, category;

-- conservation: a transfer moves posts, the total never changes
SELECT quota.transfer(1, 2, 'admin', 5, '滨编〔2024〕12号') > 0 AS transferred;
SELECT org_id, approved FROM quota.org_status WHERE category = 'admin' ORDER BY org_id;

-- quota_insufficient: a pool never goes below zero, an org gives only vacant posts
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 16, 3, 1, '滨编〔2024〕12号');
SELECT quota.transfer(1, 2, 'admin', 46, '滨编〔2024〕12号');
SELECT balance FROM quota.pool_balance WHERE pool_id = 3;

-- quota_category_mismatch: 混用/挤占/挪用 is impossible
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 1, 2, 3, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 2, 1, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 1, 2, 5, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'politico_legal', 1, 2, 7, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'filed', 1, 2, 1, '滨编〔2024〕12号');

-- quota_authority
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 1, 3, 1, '滨农〔2024〕5号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 1, 3, 1, '济编〔2024〕2号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 10, 2, 6, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 10, 2, 6, '中央编办发〔2024〕1号');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no)
	VALUES ('issue', 'admin', 10, 2, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no)
	VALUES ('issue', 'admin', 10, 6, '滨编〔2024〕12号');
SELECT kind, amount, to_pool FROM quota.movement WHERE kind = 'issue' ORDER BY id;

-- quota_movement_shape
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('give', 'admin', 1, 2, 1, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('allocate', 'admin', 1, 2, 3, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 1, 2, 2, '滨编〔2024〕12号');
\set VERBOSITY terse
INSERT INTO quota.movement (kind, category, amount, from_org, to_org, doc_no, effective_on)
	VALUES ('transfer', 'admin', 1, 1, 2, '滨编〔2024〕12号', current_date + 1);
\set VERBOSITY default
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'admin', 1, 2, 1, '滨编〔2024〕12号', current_date + 30);
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('allocate', 'admin', 1, 2, 1, '滨编〔2024〕12号', current_date + 30);
\set VERBOSITY terse
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 0, 2, 1, '滨编〔2024〕12号');
\set VERBOSITY default

-- rule order: a row that breaks shape and category reports shape
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('allocate', 'institution', 1, 2, 3, '滨农〔2024〕5号');
-- in a multi-row statement the earliest rule wins, whatever the row order
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'admin', 1, 2, 3, '滨编〔2024〕12号'),
	('allocate', 'admin', 1, 2, 1, '滨农〔2024〕5号');

-- loans: lend needs an expiry after the effective date; repay is bounded
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('lend', 'institution', 5, 5, 3, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on)
	VALUES ('lend', 'institution', 5, 5, 3, '滨编〔2024〕12号', current_date, current_date);
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on)
	OVERRIDING SYSTEM VALUE
	VALUES (1000, 'lend', 'institution', 10, 5, 3, '滨编〔2024〕12号', current_date + 365);
SELECT * FROM quota.pool_balance WHERE pool_id = 5;
SELECT org_id, approved, borrowed FROM quota.org_status WHERE org_id = 3;
SELECT loan_id, pool_id, org_id, amount, outstanding, state FROM quota.loan_status;
-- borrowed posts leave only by repay: a transfer counts own posts only
SELECT quota.transfer(3, 4, 'institution', 601, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, loan_id)
	VALUES ('repay', 'institution', 11, 3, 5, '滨编〔2024〕12号', 1000);
INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, loan_id)
	VALUES ('repay', 'institution', 4, 3, 4, '滨编〔2024〕12号', 1000);
INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, loan_id)
	VALUES ('repay', 'institution', 4, 3, 5, '滨编〔2024〕12号', 1000);
SELECT loan_id, outstanding, state FROM quota.loan_status;
SELECT * FROM quota.pool_balance WHERE pool_id = 5;
-- lend only from a reserve, turnover or talent pool
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'institution', 1, 4, 3, '滨编〔2024〕12号', current_date + 10);

-- inactive orgs take no movements
SELECT quota.dissolve_org(5, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 1, 2, 5, '滨编〔2024〕12号');

-- caps: level and subtree ceilings, checked on every increase
INSERT INTO quota.cap VALUES ('3716', 'admin', 'subtree', 200, '鲁编〔2024〕3号');
INSERT INTO quota.cap VALUES ('3716', 'admin', 'level', 150, '鲁编〔2024〕3号');
INSERT INTO quota.cap VALUES ('3716', 'admin', 'level', 250, '鲁编〔2024〕3号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 1, 1, 2, '中央编办发〔2024〕1号');
UPDATE quota.cap SET ceiling = 191 WHERE division = '3716' AND category = 'admin' AND scope = 'level';
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 1, 1, 2, '中央编办发〔2024〕1号');
UPDATE quota.cap SET ceiling = 250 WHERE division = '3716' AND category = 'admin' AND scope = 'level';
INSERT INTO quota.cap VALUES ('3716', 'admin', 'subtree', 211, '鲁编〔2024〕3号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 1, 1, 2, '中央编办发〔2024〕1号');
-- moving posts down inside the subtree changes the level figure only
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 5, 2, 6, '中央编办发〔2024〕1号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('delegate', 'admin', 5, 6, 2, '中央编办发〔2024〕1号');
DELETE FROM quota.cap WHERE division = '3716' AND category = 'admin' AND scope = 'subtree';
SELECT division, category, level_held, subtree_held, unallocated, reserve, lent, level_ceiling, subtree_ceiling
FROM quota.jurisdiction_status ORDER BY division, category;

-- the ledger is append-only, for the owner too
UPDATE quota.movement SET amount = 1 WHERE id = 1;
DELETE FROM quota.movement WHERE id = 1;
TRUNCATE quota.movement CASCADE;

-- idempotent retries with request_id
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, request_id)
	VALUES ('allocate', 'admin', 2, 3, 1, '滨编〔2024〕12号', 'req-1')
	ON CONFLICT (request_id) DO NOTHING;
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, request_id)
	VALUES ('allocate', 'admin', 2, 3, 1, '滨编〔2024〕12号', 'req-1')
	ON CONFLICT (request_id) DO NOTHING;
SELECT balance FROM quota.pool_balance WHERE pool_id = 3;

-- set-wise bulk: INSERT ... SELECT is all or nothing
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
SELECT 'allocate', 'admin', 1, 3, 1, '滨编〔2024〕12号' FROM generate_series(1, 20);
SELECT balance FROM quota.pool_balance WHERE pool_id = 3;
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
SELECT 'allocate', 'admin', 1, 3, 1, '滨编〔2024〕12号' FROM generate_series(1, 13);
SELECT balance FROM quota.pool_balance WHERE pool_id = 3;

-- COPY is validated the same way, set-wise
COPY quota.movement (kind, category, amount, from_pool, to_org, doc_no) FROM stdin;
allocate	institution	10	4	4	滨编〔2024〕12号
allocate	institution	5	4	3	滨编〔2024〕12号
\.
COPY quota.movement (kind, category, amount, from_pool, to_org, doc_no) FROM stdin;
allocate	institution	10	4	4	滨编〔2024〕12号
allocate	institution	5	4	1	滨编〔2024〕12号
\.
SELECT org_id, approved FROM quota.org_status WHERE category = 'institution' ORDER BY org_id;

-- retire and recall
INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no)
	VALUES ('recall', 'admin', 3, 2, 2, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_org, doc_no)
	VALUES ('retire', 'admin', 2, 2, '滨编〔2024〕12号');
SELECT org_id, category, approved FROM quota.org_status WHERE org_id = 2;

-- history as of a date
SELECT * FROM quota.establishment_at(current_date) ORDER BY 1, 2;
SELECT count(*) AS rows_before_2000 FROM quota.establishment_at('2000-01-01');

-- an org holding posts keeps its jurisdiction and kind
UPDATE quota.org SET kind = 'institution' WHERE id = 1;
-- a credit code that contradicts the org is a warning and a violation
SET client_min_messages = notice;
INSERT INTO quota.org (id, name, division, kind, uscc) OVERRIDING SYSTEM VALUE VALUES (8, '济南某中心', '3716', 'institution', '12370100MB28505195');
INSERT INTO quota.org (id, name, division, kind, uscc) OVERRIDING SYSTEM VALUE VALUES (9, '滨州某中心', '3716', 'institution', '12371600MB2850519B');
SELECT rule, subject_kind, subject_id, detail FROM quota.violations ORDER BY 1, 3;

SELECT * FROM quota.verify();
