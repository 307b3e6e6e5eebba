-- 容错纠错 (quota.correct_movement): the exact reverse of a mistaken movement, never an edit
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('371602', '滨城区');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕7号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-10', '核增'),
	('鲁编〔2024〕2号', '山东省机构编制委员会', 'committee', '37', '2024-01-20', '核增'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定'),
	('滨编〔2025〕9号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-05', '纠错'),
	('滨农〔2025〕2号', '滨州市农业农村局', 'line_department', '3716', '2025-01-05', '业务主管部门');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(10, '3716', 'unallocated', 'admin'), (12, '3716', 'unallocated', 'institution'),
	(13, '3716', 'reserve', 'institution'), (14, '371602', 'unallocated', 'institution'),
	(15, '3716', 'turnover', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES
	(7, '滨州市农业农村局', '3716', 'government_organ'),
	(8, '滨州市商务局', '3716', 'government_organ'),
	(20, '滨州市人民医院', '3716', 'institution');
INSERT INTO quota.movement (id, kind, category, amount, to_pool, doc_no) OVERRIDING SYSTEM VALUE VALUES
	(1, 'issue', 'admin', 30, 10, '中央编办发〔2024〕7号'),
	(2, 'issue', 'institution', 100, 12, '鲁编〔2024〕2号');
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_pool, to_org, doc_no, expires_on) OVERRIDING SYSTEM VALUE VALUES
	(3, 'allocate', 'admin', 10, 10, NULL, 7, '滨编〔2024〕12号', NULL),
	(4, 'allocate', 'admin', 6, 10, NULL, 8, '滨编〔2024〕12号', NULL),
	(5, 'allocate', 'institution', 50, 12, NULL, 20, '滨编〔2024〕12号', NULL),
	(6, 'delegate', 'institution', 10, 12, 13, NULL, '滨编〔2024〕12号', NULL),
	(7, 'delegate', 'institution', 8, 12, 15, NULL, '滨编〔2024〕12号', NULL),
	(8, 'lend', 'institution', 3, 15, NULL, 20, '滨编〔2024〕12号', current_date + 365);
INSERT INTO quota.movement (id, kind, category, amount, from_org, to_org, doc_no) OVERRIDING SYSTEM VALUE VALUES
	(9, 'transfer', 'admin', 2, 7, 8, '滨编〔2024〕12号');
INSERT INTO quota.movement (id, kind, category, amount, from_org, to_pool, doc_no) OVERRIDING SYSTEM VALUE VALUES
	(10, 'recall', 'admin', 1, 8, 10, '滨编〔2024〕12号');
INSERT INTO quota.movement (id, kind, category, amount, from_org, doc_no) OVERRIDING SYSTEM VALUE VALUES
	(11, 'retire', 'admin', 1, 7, '中央编办发〔2024〕7号');
INSERT INTO quota.movement (id, kind, category, amount, to_pool, doc_no) OVERRIDING SYSTEM VALUE VALUES
	(12, 'issue', 'institution', 5, 12, '鲁编〔2024〕2号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(101, '37160219800101011X', '农业甲', 7, 'admin', '2015-01-01', '滨编〔2024〕12号'),
	(102, '371602198102020229', '农业乙', 7, 'admin', '2015-01-01', '滨编〔2024〕12号'),
	(103, '371602198203030338', '农业丙', 7, 'admin', '2015-01-01', '滨编〔2024〕12号'),
	(104, '371602198304040447', '农业丁', 7, 'admin', '2015-01-01', '滨编〔2024〕12号'),
	(105, '371602198405050556', '农业戊', 7, 'admin', '2015-01-01', '滨编〔2024〕12号'),
	(106, '371602198506060665', '农业己', 7, 'admin', '2015-01-01', '滨编〔2024〕12号');
SELECT setval('quota.movement_id_seq', 100);

CREATE FUNCTION pg_temp.books() RETURNS TABLE (account text, category text, held bigint)
LANGUAGE sql AS $$
	SELECT 'pool ' || p.id || ' ' || p.kind, p.category, (pa.balance + pa.lent)::bigint
	  FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id = p.id WHERE pa.balance + pa.lent > 0
	UNION ALL
	SELECT 'org ' || a.org_id, a.category, (a.approved + a.borrowed)::bigint FROM quota.org_account a WHERE a.approved + a.borrowed > 0
	ORDER BY 1, 2
$$;
CREATE FUNCTION pg_temp.totals() RETURNS TABLE (category text, total bigint)
LANGUAGE sql AS $$
	SELECT category, sum(held)::bigint FROM pg_temp.books() GROUP BY 1 ORDER BY 1
$$;
SELECT * FROM pg_temp.books();
SELECT * FROM pg_temp.totals();

-- bad arguments: 22023; an unknown movement 22023
\set VERBOSITY sqlstate
SELECT quota.correct_movement(NULL, '滨编〔2025〕9号', '录入错误');
SELECT quota.correct_movement(3, '滨编〔2025〕9号', '  ');
SELECT quota.correct_movement(999, '滨编〔2025〕9号', '录入错误');
\set VERBOSITY default

-- 农业农村局's allocation of 10: 6 of its posts are occupied, so its reverse (a recall of 10)
-- would break quota_insufficient today: refused, nothing written
SELECT quota.correct_movement(3, '滨编〔2025〕9号', '重复核定');
-- a line department orders no correction (the reverse's own authority rule, quota_authority)
SELECT quota.correct_movement(9, '滨农〔2025〕2号', '录入错误');
SELECT count(*) AS movements_unchanged FROM quota.movement;
-- 核定 to the wrong bureau: 6 admin posts went to 商务局 instead of 农业农村局: recalled
SELECT quota.correct_movement(4, '滨编〔2025〕9号', '核定对象录入错误: 应为农业农村局') AS correcting_movement;
SELECT kind, category, amount, from_org, to_pool, doc_no, note FROM quota.movement WHERE id > 100 ORDER BY id;
SELECT * FROM pg_temp.books();
-- 商务局 now holds 1 post: the reverse of the transfer of 2 to it is refused (quota_insufficient)
SELECT quota.correct_movement(9, '滨编〔2025〕9号', '调剂方向录入错误');
-- a movement is corrected once: 55000
\set VERBOSITY sqlstate
SELECT quota.correct_movement(4, '滨编〔2025〕9号', '再次纠错');
\set VERBOSITY default
-- a correction is itself corrected by correcting its movement (restores the original)
SELECT quota.correct_movement((SELECT correction_id FROM quota.corrections WHERE original_id = 4), '滨编〔2025〕9号', '纠错有误, 恢复原核定') AS correcting_movement;
SELECT quota.correct_movement(9, '滨编〔2025〕9号', '调剂方向录入错误') AS transfer_back;
SELECT * FROM pg_temp.books();

-- every other kind: allocate -> recall, recall -> allocate, delegate reversed,
-- lend -> repay of the loan, issue -> retire, retire from an org -> issue + allocate
SELECT quota.correct_movement(5, '滨编〔2025〕9号', '医院核定数录入错误') AS recall_of_allocate;
SELECT quota.correct_movement(10, '滨编〔2025〕9号', '收回对象错误') AS allocate_of_recall;
SELECT quota.correct_movement(6, '滨编〔2025〕9号', '机动编制下达有误') AS delegate_back;
SELECT quota.correct_movement(8, '滨编〔2025〕9号', '周转编制借出有误') AS repay_of_lend;
SELECT quota.correct_movement(11, '中央编办发〔2024〕7号', '核销有误') AS issue_then_allocate;
-- 核增 of 100 by the province: the city pool has allocated most of them, so the reverse
-- retire is refused (quota_insufficient); the 核增 of 5 is retired again
SELECT quota.correct_movement(2, '鲁编〔2024〕2号', '核增数录入错误');
SELECT quota.correct_movement(12, '鲁编〔2024〕2号', '核增数录入错误') AS retire_of_issue;
SELECT * FROM pg_temp.books();
-- totals: every correction conserves or exactly undoes (issue/retire)
SELECT * FROM pg_temp.totals();
SELECT kind, category, amount, from_org, from_pool, to_org, to_pool, loan_id FROM quota.movement WHERE id > 100 ORDER BY id;
SELECT loan_id, outstanding, state FROM quota.loan_status ORDER BY loan_id;
-- the accountability record: what, when, who, why, under which document
SELECT correction_id, original_id, kind, category, amount, doc_no, reason,
	   recorded_at > now() - interval '1 hour' AS recorded_now, recorded_by = current_user AS recorded_by_me, original_kind, step
FROM quota.corrections ORDER BY correction_id;
-- the repay is corrected by a new loan until the old loan's expiry
SELECT quota.correct_movement((SELECT correction_id FROM quota.corrections WHERE original_id = 8), '滨编〔2025〕9号', '归还有误') AS new_loan;
SELECT loan_id, pool_id, org_id, amount, outstanding, expires_on = current_date + 365 AS same_term, state FROM quota.loan_status ORDER BY loan_id;

-- the links are append-only and join a movement only to its reverse
\set VERBOSITY sqlstate
UPDATE quota.correction SET reason = 'x';
DELETE FROM quota.correction;
TRUNCATE quota.correction;
INSERT INTO quota.correction (correction_id, original_id, doc_no, reason) VALUES (3, 1, '滨编〔2025〕9号', '伪造');
\set VERBOSITY default
SELECT count(*) AS corrections FROM quota.correction;
SELECT * FROM quota.verify();
