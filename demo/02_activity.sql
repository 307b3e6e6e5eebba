-- Demo activity on the ledger: an allocation from the reserve and a turnover
-- loan to the city hospital; and the roster of a few units.

-- 机动编制: 10 of the 15 reserve posts to the development and reform commission
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, note)
VALUES ('allocate', 'admin', 10, 11, 3, '滨编〔2024〕12号', '2024-03-15', '重大项目推进任务');


-- 周转池: 20 turnover posts lent to the city hospital for three years
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on, note)
VALUES ('lend', 'institution', 20, 13, 20, '滨编办〔2024〕21号', '2024-05-06', '2027-05-05', '新院区开诊');

-- the roster (实名制) of forestry and agriculture, and leadership posts
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES
	(7, 'chief', 1, '滨编〔2024〕12号'), (7, 'deputy', 3, '滨编〔2024〕12号'),
	(8, 'chief', 1, '滨编〔2024〕12号'), (8, 'deputy', 2, '滨编〔2024〕12号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, post, post_rank, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(1, '371602197803150013', '刘建国', 8, 'admin', 'chief', '副处', '2015-06-01', '滨编〔2024〕12号'),
	(2, '371602198511200028', '陈果林', 8, 'admin', 'staff', NULL, '2012-09-01', '滨编〔2024〕12号'),
	(3, '371602199002080018', '王果园', 8, 'admin', 'staff', NULL, '2016-09-01', '滨编〔2024〕12号');
SELECT pg_catalog.setval('quota.staff_id_seq', 3) AS staff_seq;
\ir people.sql
-- forestry: 27 more staff (30 posts); agriculture full (45 of 45); the junior school full (95 of 95)
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.rid('371602' || to_char(date '1970-01-01' + i * 211, 'YYYYMMDD') || '011'), '林业职工' || i, 8, 'admin', '2010-01-01', '滨编〔2024〕12号'
FROM generate_series(1, 24) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.rid('371602' || to_char(date '1970-01-01' + i * 199, 'YYYYMMDD') || '021'), '农业职工' || i, 7, 'admin', '2010-01-01', '滨编〔2024〕12号'
FROM generate_series(1, 45) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.rid('371602' || to_char(date '1975-01-01' + i * 101, 'YYYYMMDD') || '031'), '初中教师' || i, 23, 'institution', '2018-09-01', '滨编〔2024〕12号'
FROM generate_series(1, 95) i;
-- the county hospital: 700 posts, 700 staff
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.rid('371621' || to_char(date '1965-01-01' + i * 23, 'YYYYMMDD') || '041'), '惠民医务人员' || i, 30, 'institution', '2015-07-01', '惠编〔2024〕4号'
FROM generate_series(1, 700) i;

-- duties (职责) of forestry
INSERT INTO quota.duty (id, org_id, name) OVERRIDING SYSTEM VALUE VALUES (1, 8, '果品管理'), (2, 8, '林木种苗管理'), (3, 7, '农业技术推广');
SELECT pg_catalog.setval('quota.duty_id_seq', 3) AS duty_seq;
