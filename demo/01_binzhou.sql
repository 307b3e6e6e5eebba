-- Demo data: 山东省 > 滨州市 and its districts and counties, with real
-- division codes, the city's departments and institutions, and the posts
-- issued, delegated and allocated to them.  Loaded by `make demo` and by
-- the dump/restore test.

INSERT INTO quota.jurisdiction (division, name) VALUES
	('37', '山东省'),
	('3716', '滨州市'),
	('371602', '滨城区'), ('371603', '沾化区'), ('371621', '惠民县'), ('371622', '阳信县'),
	('371623', '无棣县'), ('371625', '博兴县'), ('371681', '邹平市');

INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on, title) VALUES
	('中央编办发〔2024〕7号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-10', '关于山东省行政编制的批复'),
	('鲁编〔2024〕3号', '山东省机构编制委员会', 'committee', '37', '2024-02-01', '关于下达2024年事业编制的通知'),
	('鲁编办〔2024〕5号', '山东省委机构编制委员会办公室', 'office', '37', '2024-02-15', '关于周转编制的通知'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '关于市直部门机构编制的通知'),
	('滨编〔2024〕15号', '滨州市机构编制委员会', 'committee', '3716', '2024-04-10', '关于果品管理职能划转的通知'),
	('滨编办〔2024〕21号', '中共滨州市委机构编制委员会办公室', 'office', '3716', '2024-05-06', '关于使用周转编制的批复'),
	('惠编〔2024〕4号', '惠民县机构编制委员会', 'committee', '371621', '2024-03-20', '关于县直单位编制的通知'),
	('滨农〔2024〕8号', '滨州市农业农村局', 'line_department', '3716', '2024-06-01', '关于调整下属单位编制的请示');

-- the city's pools
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(1, '37', 'unallocated', 'institution'),
	(10, '3716', 'unallocated', 'admin'),
	(11, '3716', 'reserve', 'admin'),
	(12, '3716', 'unallocated', 'institution'),
	(13, '3716', 'turnover', 'institution'),
	(14, '3716', 'talent', 'institution'),
	(15, '3716', 'unallocated', 'politico_legal'),
	(20, '371621', 'unallocated', 'institution'),
	(21, '371621', 'unallocated', 'admin');

INSERT INTO quota.org (id, name, division, kind, uscc, sector, rank, funding) OVERRIDING SYSTEM VALUE VALUES
	(1, '中共滨州市委办公室', '3716', 'party_organ', NULL, NULL, '正处', NULL),
	(2, '滨州市人民政府办公室', '3716', 'government_organ', NULL, NULL, '正处', NULL),
	(3, '滨州市发展和改革委员会', '3716', 'government_organ', NULL, NULL, '正处', NULL),
	(4, '滨州市教育局', '3716', 'government_organ', NULL, NULL, '正处', NULL),
	(5, '滨州市公安局', '3716', 'public_security', NULL, NULL, '正处', NULL),
	(6, '滨州市自然资源和规划局', '3716', 'government_organ', NULL, NULL, '正处', NULL),
	(7, '滨州市农业农村局', '3716', 'government_organ', NULL, NULL, '正处', NULL),
	(8, '滨州市林业局', '3716', 'government_organ', NULL, NULL, '副处', NULL),
	(9, '滨州市卫生健康委员会', '3716', 'government_organ', NULL, NULL, '正处', NULL),
	(20, '滨州市人民医院', '3716', 'institution', '12371600MB2850519B', 'hospital', '正处', '差额'),
	(21, '滨州市中医医院', '3716', 'institution', NULL, 'hospital', '副处', '差额'),
	(22, '滨州市第一中学', '3716', 'institution', NULL, 'school_senior', '正科', '全额'),
	(23, '滨州市实验学校（初中部）', '3716', 'institution', NULL, 'school_junior', '正科', '全额'),
	(24, '滨州市农业技术推广中心', '3716', 'institution', NULL, 'other', '正科', '全额'),
	(25, '滨州市广播电视台', '3716', 'institution', NULL, 'other', '正处', '差额'),
	(26, '滨州市水文服务中心', '3716', 'institution', NULL, 'other', '正科', '全额'),
	(30, '惠民县人民医院', '371621', 'institution', NULL, 'hospital', '正科', '差额'),
	(31, '惠民县第一中学', '371621', 'institution', NULL, 'school_senior', '正科', '全额');

-- posts granted from above (核增) and passed down (下达)
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on) VALUES
	('issue', 'admin', 2000, 10, '中央编办发〔2024〕7号', '2024-01-10'),
	('issue', 'politico_legal', 900, 15, '中央编办发〔2024〕7号', '2024-01-10'),
	('issue', 'institution', 12000, 1, '中央编办发〔2024〕7号', '2024-01-10'),
	('issue', 'admin', 600, 21, '中央编办发〔2024〕7号', '2024-01-10');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, effective_on) VALUES
	('delegate', 'institution', 9000, 1, 12, '鲁编〔2024〕3号', '2024-02-01'),
	('delegate', 'institution', 2500, 1, 20, '鲁编〔2024〕3号', '2024-02-01');

-- the city keeps 15 admin posts as 机动编制 and 200 institution posts for turnover and talent
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, effective_on) VALUES
	('delegate', 'admin', 15, 10, 11, '滨编〔2024〕12号', '2024-03-01'),
	('delegate', 'institution', 120, 12, 13, '滨编〔2024〕12号', '2024-03-01'),
	('delegate', 'institution', 80, 12, 14, '滨编〔2024〕12号', '2024-03-01');

-- 核定: allocations to the city's departments and institutions
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on) VALUES
	('allocate', 'admin', 62, 10, 1, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'admin', 75, 10, 2, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'admin', 50, 10, 3, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'admin', 48, 10, 4, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'politico_legal', 860, 15, 5, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'admin', 56, 10, 6, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'admin', 45, 10, 7, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'admin', 30, 10, 8, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'admin', 40, 10, 9, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 1350, 12, 20, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 620, 12, 21, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 180, 12, 22, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 95, 12, 23, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 60, 12, 24, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 150, 12, 25, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 25, 12, 26, '滨编〔2024〕12号', '2024-03-01');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on) VALUES
	('allocate', 'institution', 700, 20, 30, '惠编〔2024〕4号', '2024-03-20'),
	('allocate', 'institution', 160, 20, 31, '惠编〔2024〕4号', '2024-03-20');

-- the city's control number (控制数) for admin posts: 2,000 at the city level
INSERT INTO quota.cap (division, category, scope, ceiling, doc_no) VALUES
	('3716', 'admin', 'level', 2000, '中央编办发〔2024〕7号');

-- explicit ids above: move the identity sequences past them
SELECT pg_catalog.setval('quota.org_id_seq', (SELECT max(id) FROM quota.org)) AS org_seq,
	   pg_catalog.setval('quota.pool_id_seq', (SELECT max(id) FROM quota.pool)) AS pool_seq;
