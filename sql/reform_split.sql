-- 机构分设 (quota.split_org): a merged bureau split back into two; totals conserved exactly
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('371602', '滨城区');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕7号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-10', '核增'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定、入编'),
	('滨编〔2025〕3号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-05', '机构分设'),
	('滨城编〔2025〕1号', '滨城区机构编制委员会', 'committee', '371602', '2025-01-05', '区级'),
	('滨农〔2025〕2号', '滨州市农业农村局', 'line_department', '3716', '2025-01-05', '业务主管部门');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(10, '3716', 'unallocated', 'admin'), (11, '3716', 'unallocated', 'admin_worker');
INSERT INTO quota.org (id, name, division, kind, rank) OVERRIDING SYSTEM VALUE VALUES
	(53, '滨州市市场监督管理局', '3716', 'government_organ', '正处'),
	(54, '滨州市发展和改革委员会', '3716', 'government_organ', '正处');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES
	('issue', 'admin', 40, 10, '中央编办发〔2024〕7号'), ('issue', 'admin_worker', 6, 11, '中央编办发〔2024〕7号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'admin', 20, 10, 53, '滨编〔2024〕12号'),
	('allocate', 'admin_worker', 4, 11, 53, '滨编〔2024〕12号'),
	('allocate', 'admin', 5, 10, 54, '滨编〔2024〕12号');
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES
	(53, 'chief', 1, '滨编〔2024〕12号'), (53, 'deputy', 3, '滨编〔2024〕12号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, post, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(101, '37160219800101011X', '局长甲', 53, 'admin', 'chief', '2015-01-01', '滨编〔2024〕12号'),
	(102, '371602198102020229', '副局长乙', 53, 'admin', 'deputy', '2015-01-01', '滨编〔2024〕12号'),
	(103, '371602198203030338', '副局长丙', 53, 'admin', 'deputy', '2015-01-01', '滨编〔2024〕12号'),
	(104, '371602198304040447', '科员丁', 53, 'admin', 'staff', '2015-01-01', '滨编〔2024〕12号'),
	(105, '371602198405050556', '科员戊', 53, 'admin', 'staff', '2015-01-01', '滨编〔2024〕12号'),
	(106, '371602198506060665', '工勤己', 53, 'admin_worker', 'staff', '2015-01-01', '滨编〔2024〕12号');
INSERT INTO quota.internal_unit (id, org_id, name, comprehensive) OVERRIDING SYSTEM VALUE VALUES
	(1, 53, '办公室', true), (2, 53, '登记注册科', false), (3, 53, '质量发展科', false), (4, 53, '计量科', false);
INSERT INTO quota.duty (id, org_id, name) OVERRIDING SYSTEM VALUE VALUES (1, 53, '市场主体登记'), (2, 53, '质量监督'), (3, 53, '计量管理');

CREATE FUNCTION pg_temp.totals() RETURNS TABLE (category text, approved bigint, occupied bigint)
LANGUAGE sql AS $$
	SELECT category, sum(approved), sum(occupied) FROM quota.org_account WHERE category <> 'filed' GROUP BY 1 ORDER BY 1
$$;
CREATE FUNCTION pg_temp.books() RETURNS TABLE (org_id bigint, status text, category text, approved int, occupied int)
LANGUAGE sql AS $$
	SELECT a.org_id, o.status, a.category, a.approved, a.occupied FROM quota.org_account a JOIN quota.org o ON o.id = a.org_id
	 WHERE a.approved > 0 OR a.occupied > 0 ORDER BY 1, 3
$$;
SELECT * FROM pg_temp.totals();
SELECT count(*) AS movements_before FROM quota.movement;

-- bad shapes: 22023, nothing written
\set VERBOSITY sqlstate
SELECT quota.split_org(53, NULL, '滨编〔2025〕3号');
SELECT quota.split_org(53, '[]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '{"name": "x"}', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[1]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"kind": "government_organ"}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "no_such_kind"}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "colour": "red"}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": -1}}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": 1.5}}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "posts": {"filed": 1}}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "persons": "101"}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "leaders": {"boss": 1}}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "persons": [104]},
							 {"name": "乙", "kind": "government_organ", "persons": [104]}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "division": "3799"}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "units": [99]}]', '滨编〔2025〕3号');
SELECT quota.split_org(999, '[{"name": "甲", "kind": "government_organ"}]', '滨编〔2025〕3号');
-- rules: 23514 with the rule's name
\set VERBOSITY default
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": 21}}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": 12}},
							 {"name": "乙", "kind": "government_organ", "posts": {"admin": 9}}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "persons": [201]}]', '滨编〔2025〕3号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": 5}}]', '滨农〔2025〕2号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": 5}}]', '无此文〔2025〕1号');
-- a district part needs a document with authority there too, and admin posts crossing
-- jurisdictions need a central issuer (an ordinary transfer there)
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "division": "371602", "posts": {"admin": 2}}]', '滨城编〔2025〕1号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ", "division": "371602", "posts": {"admin": 2}}]', '滨编〔2025〕3号');
-- the category must be usable by the new org's kind
SELECT quota.split_org(53, '[{"name": "甲", "kind": "institution", "posts": {"admin": 2}}]', '滨编〔2025〕3号');
SELECT count(*) AS movements_unchanged FROM quota.movement;
SELECT count(*) AS orgs_unchanged FROM quota.org;
SELECT * FROM pg_temp.books();

-- 滨州市市场监督管理局 is split back into 工商行政管理局 and 质量技术监督局, with the
-- remainder kept: posts per category, people (leaders among them), units, duties
SET client_min_messages = notice;
SELECT quota.split_org(53, '[
	{"name": "滨州市工商行政管理局", "kind": "government_organ", "posts": {"admin": 8, "admin_worker": 2},
	 "persons": [101, 104, 106], "leaders": {"chief": 1, "deputy": 1}, "units": [2], "duties": [1]},
	{"name": "滨州市质量技术监督局", "kind": "government_organ", "rank": "副处", "posts": {"admin": 7},
	 "persons": [102, 105], "leaders": {"chief": 1, "deputy": 2}, "units": [3, 4], "duties": [2, 3]}
]', '滨编〔2025〕3号') AS new_orgs;
SET client_min_messages = warning;
SELECT id, name, division, kind, rank, status, established_on = current_date AS established_today FROM quota.org ORDER BY id;
SELECT * FROM pg_temp.books();
SELECT * FROM pg_temp.totals();
SELECT id, org_id, post FROM quota.staff ORDER BY id;
SELECT org_id, post, approved FROM quota.leadership ORDER BY org_id, post;
SELECT id, org_id FROM quota.internal_unit ORDER BY id;
SELECT id, org_id FROM quota.duty ORDER BY id;
-- ordinary transfer rows under the split's document
SELECT kind, category, amount, from_org, to_org, doc_no FROM quota.movement WHERE doc_no = '滨编〔2025〕3号' ORDER BY id;
SELECT * FROM quota.violations;
SELECT * FROM quota.verify();

-- the rest goes too: the source is dissolved (撤销), its leadership approvals lapse
SELECT quota.split_org(53, '[{"name": "滨州市知识产权局", "kind": "government_organ", "posts": {"admin": 5, "admin_worker": 2},
							 "persons": [103], "units": [1]}]', '滨编〔2025〕3号') AS new_orgs;
SELECT id, status, closed_on = current_date AS closed_today FROM quota.org WHERE id = 53;
SELECT org_id, post, approved FROM quota.leadership WHERE org_id = 53;
SELECT * FROM pg_temp.books();
SELECT * FROM pg_temp.totals();
-- 副局长丙 is a deputy without a 领导职数 at the new org: transitional excess, listed
SELECT rule, subject_id, category FROM quota.violations ORDER BY rule, subject_id;
-- nothing enters or moves into a dissolved org; a second split of it is refused
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'admin', 1, 10, 53, '滨编〔2024〕12号');
SELECT quota.split_org(53, '[{"name": "甲", "kind": "government_organ"}]', '滨编〔2025〕3号');

-- a split redistributes excess, never creates it: 2 people with 1 post at a part would
-- leave the whole over by 1 where nothing was over (quota_over_establishment)
SELECT quota.split_org(54, '[{"name": "滨州市能源局", "kind": "government_organ", "posts": {"admin": 1}}]', '滨编〔2025〕3号') AS energy;
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(110, '371602199001010018', '发改甲', 54, 'admin', '2020-01-01', '滨编〔2024〕12号'),
	(111, '371602199002020023', '发改乙', 54, 'admin', '2020-01-01', '滨编〔2024〕12号');
SELECT quota.split_org(54, '[{"name": "滨州市粮食和物资储备局", "kind": "government_organ", "posts": {"admin": 1},
							 "persons": [110, 111]}]', '滨编〔2025〕3号') AS grain;
-- 4 posts and 2 people: a part taking 3 posts and nobody would leave 2 people on 1 post
SELECT quota.split_org(54, '[{"name": "滨州市粮食和物资储备局", "kind": "government_organ", "posts": {"admin": 3}}]', '滨编〔2025〕3号') AS grain;
-- a merge with a cut makes 发改委 over by 1 (reform excess); a split may carry that excess to a part
SELECT quota.merge_orgs(ARRAY(SELECT id FROM quota.org WHERE name = '滨州市能源局'), 54, '滨编〔2025〕3号', '{"admin": 4}');
SELECT * FROM pg_temp.books();
SELECT quota.split_org(54, '[{"name": "滨州市粮食和物资储备局", "kind": "government_organ", "posts": {"admin": 1},
							 "persons": [110, 111]}]', '滨编〔2025〕3号') AS grain;
SELECT * FROM pg_temp.books();
SELECT rule, subject_id, category FROM quota.violations WHERE rule LIKE '%establishment%' ORDER BY subject_id;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT '371602199003030039', '新人', id, 'admin', current_date, '滨编〔2024〕12号' FROM quota.org WHERE name = '滨州市粮食和物资储备局';
SELECT * FROM pg_temp.totals();
SELECT * FROM quota.verify();
