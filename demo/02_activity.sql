-- Demo activity on the ledger: an allocation from the reserve, a transfer
-- between departments (编随事转) and a turnover loan to a hospital.

-- 机动编制: 10 of the 15 reserve posts to the development and reform commission
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, note)
VALUES ('allocate', 'admin', 10, 11, 3, '滨编〔2024〕12号', '2024-03-15', '重大项目推进任务');

-- 编随事转: 3 posts follow the 果品管理 duty from forestry to agriculture
SELECT quota.transfer(8, 7, 'admin', 3, '滨编〔2024〕15号') AS transfer_id;

-- 周转池: 20 turnover posts lent to the city hospital for three years
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on, note)
VALUES ('lend', 'institution', 20, 13, 20, '滨编办〔2024〕21号', '2024-05-06', '2027-05-05', '新院区开诊');
