-- The seed practices of the staffing office: 机构分设, 容错纠错, 绩效考核.
-- Included by demo/walkthrough.sql after the merge of section 8.

\echo
\echo '== 8b. 机构分设: the merged 市场监督管理局 is split back into two; the 食药监 staff and 50 posts form 滨州市食品药品监督管理局'
INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on, title) VALUES
	('滨编〔2025〕3号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-06', '关于分设市食品药品监督管理局的通知'),
	('滨编〔2025〕9号', '滨州市机构编制委员会', 'committee', '3716', '2025-02-10', '关于纠正编制核定错误的通知'),
	('滨编〔2025〕20号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-20', '关于市直单位年度绩效考核结果的通报');
SELECT org_id, org_name, approved, occupied, over, leaders_approved, leaders_filled FROM quota.org_status WHERE org_id = 53;
SET client_min_messages = notice;
SELECT quota.split_org(53, jsonb_build_array(jsonb_build_object(
		'name', '滨州市食品药品监督管理局', 'kind', 'government_organ',
		'posts', jsonb_build_object('admin', 50),
		'persons', (SELECT jsonb_agg(id ORDER BY id) FROM quota.staff WHERE org_id = 53 AND name LIKE '52号局职工%' AND left_on IS NULL),
		'leaders', jsonb_build_object('chief', 1, 'deputy', 2))),
	'滨编〔2025〕3号') AS new_orgs;
SET client_min_messages = warning;
SELECT org_id, org_name, approved, occupied, vacancy, over, leaders_approved, leaders_filled
FROM quota.org_status WHERE org_id = 53 OR org_name = '滨州市食品药品监督管理局' ORDER BY org_id;
SELECT kind, category, amount, from_org, to_org, doc_no FROM quota.movement WHERE doc_no = '滨编〔2025〕3号';
\echo '-- the excess moves with the people (7 at the new bureau, 47 kept), never grows: reform excess, listed, blocking entries until absorbed'
SELECT rule, subject_id, category FROM quota.violations WHERE rule LIKE 'quota_reform%' ORDER BY subject_id, rule;

\echo
\echo '== 8c. 容错纠错: 3 posts were allocated to 发改委 by mistake (meant for 林业局); the allocation is reversed, never edited'
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, note)
VALUES ('allocate', 'admin', 3, 10, 3, '滨编〔2024〕12号', '核定 (录入错误: 应为林业局)');
SELECT id AS mistaken FROM quota.movement WHERE note = '核定 (录入错误: 应为林业局)' \gset
SELECT org_id, org_name, approved FROM quota.org_status WHERE org_id IN (3, 8) ORDER BY 1;
SELECT quota.correct_movement(:mistaken, '滨编〔2025〕9号', '核定对象录入错误, 应为市林业局') AS correcting_movement;
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'admin', 3, 10, 8, '滨编〔2025〕9号');
SELECT org_id, org_name, approved FROM quota.org_status WHERE org_id IN (3, 8) ORDER BY 1;
\echo '-- both rows stay in the ledger; the accountability record says what, when, who, why and under which document'
SELECT correction_id, original_id, kind, category, amount, doc_no, reason, recorded_by FROM quota.corrections;
\echo '-- a movement is corrected once (55000)'
SELECT quota.correct_movement(:mistaken, '滨编〔2025〕9号', '再次纠错');
\echo '-- the roster too (实名制): 林业甲''s 入编 was recorded at 林业局 by mistake; the entry is undone, the seat is free again'
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('371602198808080813', '林业甲', 8, 'admin', current_date, '滨编〔2024〕12号');
SELECT quota.correct_staff_event((SELECT e.id FROM quota.staff_event e JOIN quota.staff s ON s.id = e.staff_id WHERE s.name = '林业甲'),
								 '滨编〔2025〕9号', '入编单位录入错误') IS NOT NULL AS entry_undone;
SELECT e.kind, e.org_id, e.on_date = current_date AS dated_today, e.doc_no, e.reason
  FROM quota.staff_event e JOIN quota.staff s ON s.id = e.staff_id WHERE s.name = '林业甲' ORDER BY e.id;

\echo
\echo '== 8d. 绩效考核: last year''s grades beside the use of establishment, and the policy that makes them count'
INSERT INTO quota.evaluation (org_id, year, grade, score, doc_no)
SELECT o, extract(year FROM current_date)::int - 1, g, s, '滨编〔2025〕20号'
FROM (VALUES (3, 'excellent', 95.5), (7, 'good', 86), (8, 'good', 83), (20, 'excellent', 92), (21, 'fair', 71),
			 (22, 'good', 88), (23, 'poor', 55), (53, 'fair', 68)) v (o, g, s);
SELECT grade_name, org_name, score, approved, occupied, vacancy, over, usage_rate FROM quota.evaluation_status ORDER BY score DESC;
SELECT year, grade_name, orgs, approved, occupied, vacancy, over, usage_rate, orgs_over FROM quota.evaluation_summary ORDER BY year, usage_rate;
\echo '-- off by default; the committee decides that a 较差 grade blocks talent-pool draws the following year'
INSERT INTO quota.evaluation_policy (grade, blocks_talent) VALUES ('poor', true);
\echo '-- the full junior school (graded 较差) may not draw a talent post (quota_evaluation)'
INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
VALUES ('371602199505050013', '引进人才', 23, 'institution', 'B', current_date, '滨编〔2024〕12号');
