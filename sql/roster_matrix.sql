-- The write matrix of quota.staff and quota.hiring (README "Write matrix"):
-- every refused or re-checked cell, with its SQLSTATE and constraint name,
-- and nothing written by a refused statement; hiring approvals whose
-- reservation lapses at valid_until for every check; owner-run paths
-- (transfer with persons, move_duty) checking what a direct entry checks,
-- in the order of DESIGN.md §8.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql
CREATE FUNCTION pg_temp.books() RETURNS text LANGUAGE sql AS $$
	SELECT md5(concat_ws('|',
		(SELECT string_agg(s::text, ',' ORDER BY s.id) FROM quota.staff s),
		(SELECT string_agg(h::text, ',' ORDER BY h.id) FROM quota.hiring h),
		(SELECT string_agg(a::text, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a),
		(SELECT string_agg(a::text, ',' ORDER BY a.hiring_id) FROM quota.hiring_account a),
		(SELECT count(*)::text FROM quota.staff_event),
		(SELECT count(*)::text FROM quota.movement)))
$$;
-- a hiring approval as it stands once its valid_until has passed (the test
-- cannot wait for the calendar: the edit guard is lifted for one statement)
CREATE FUNCTION pg_temp.age_hiring(h bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	ALTER TABLE quota.hiring DISABLE TRIGGER hiring_defaults;
	UPDATE quota.hiring SET valid_until = current_date - 1 WHERE id = h;
	ALTER TABLE quota.hiring ENABLE TRIGGER hiring_defaults;
END
$$;

-- identity columns are GENERATED ALWAYS: a client does not choose ids
SELECT pg_temp.try($$INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (900000, pg_temp.pid(1), '甲', 22, 'institution', '2024-09-01', '滨编〔2024〕12号')$$) AS staff_id_chosen;
SELECT pg_temp.try($$INSERT INTO quota.hiring (id, org_id, category, slots, doc_no)
	VALUES (900000, 22, 'institution', 1, '滨编〔2024〕12号')$$) AS hiring_id_chosen;

-- hiring approvals: dates, document, category (§8 order), and no edits
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no, issued_on)
	VALUES (22, 'institution', 1, '滨编〔2024〕12号', current_date + 1)$$) AS issued_in_future;
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no, issued_on, valid_until)
	VALUES (22, 'institution', 1, '滨编〔2024〕12号', '2024-06-01', '2024-05-31')$$) AS valid_before_issued;
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no)
	VALUES (22, 'institution', 1, '滨编〔2099〕9号')$$) AS unknown_document;
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no)
	VALUES (22, 'institution', 1, '滨农〔2024〕8号')$$) AS line_department;
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no)
	VALUES (22, 'admin', 1, '滨编〔2024〕12号')$$) AS category_not_held;
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no)
	VALUES (22, 'admin', 1000, '滨编〔2024〕12号')$$) AS category_before_slots;
SELECT pg_temp.books() = :'before' AS nothing_written;

INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (22, 'institution', 2, '滨编〔2024〕12号');
SELECT max(id) AS h22 FROM quota.hiring \gset
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try(format($$UPDATE quota.hiring SET slots = 1 WHERE id = %s$$, :h22)) AS update_slots;
SELECT pg_temp.try(format($$UPDATE quota.hiring SET org_id = 23 WHERE id = %s$$, :h22)) AS update_org;
SELECT pg_temp.try(format($$UPDATE quota.hiring SET valid_until = '2099-01-01' WHERE id = %s$$, :h22)) AS update_valid_until;
SELECT pg_temp.try(format($$DELETE FROM quota.hiring WHERE id = %s$$, :h22)) AS delete_hiring;
SELECT pg_temp.try($$TRUNCATE quota.hiring CASCADE$$) AS truncate_hiring;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- one recorded already expired reserves nothing and is filled by nobody
SELECT reserved AS reserved_before FROM quota.org_status WHERE org_id = 26;
INSERT INTO quota.hiring (org_id, category, slots, doc_no, issued_on, valid_until)
VALUES (26, 'institution', 5, '滨编〔2024〕12号', '2024-03-01', '2024-06-30');
SELECT max(id) AS hold FROM quota.hiring \gset
SELECT reserved AS reserved_after, (SELECT released FROM quota.hiring_account WHERE hiring_id = :hold) AS released
  FROM quota.org_status WHERE org_id = 26;
SELECT pg_temp.try(format($$INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
	VALUES (pg_temp.pid(2), '乙', 26, 'institution', %s, '2024-05-01', '滨编〔2024〕12号')$$, :hold)) AS fill_expired;

-- a reservation ends at valid_until for every check, whoever needs the room
-- first: an entry, a recall, a transfer (org 25: 150 posts)
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (25, 'institution', 150, '滨编〔2024〕12号');
SELECT max(id) AS h1 FROM quota.hiring \gset
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(3), '丙', 25, 'institution', '2024-09-01', '滨编〔2024〕12号')$$) AS entry_while_reserved;
SELECT pg_temp.age_hiring(:h1);
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(3), '丙', 25, 'institution', '2024-09-01', '滨编〔2024〕12号')$$) AS entry_after_expiry;
SELECT approved, occupied, reserved, (SELECT released FROM quota.hiring_account WHERE hiring_id = :h1) AS released
  FROM quota.org_status WHERE org_id = 25;
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (25, 'institution', 149, '滨编〔2024〕12号');
SELECT max(id) AS h2 FROM quota.hiring \gset
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no)
	VALUES ('recall', 'institution', 100, 25, 12, '滨编〔2024〕12号')$$) AS recall_while_reserved;
SELECT pg_temp.age_hiring(:h2);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no)
	VALUES ('recall', 'institution', 100, 25, 12, '滨编〔2024〕12号')$$) AS recall_after_expiry;
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (25, 'institution', 49, '滨编〔2024〕12号');
SELECT max(id) AS h3 FROM quota.hiring \gset
SELECT pg_temp.try($$SELECT quota.transfer(25, 24, 'institution', 40, '滨编〔2024〕12号')$$) AS transfer_while_reserved;
SELECT pg_temp.age_hiring(:h3);
SELECT pg_temp.try($$SELECT quota.transfer(25, 24, 'institution', 40, '滨编〔2024〕12号')$$) AS transfer_after_expiry;
SELECT approved, occupied, reserved FROM quota.org_status WHERE org_id = 25;
-- and an approval for the room that lapsed reservations held
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (25, 'institution', 9, '滨编〔2024〕12号');
SELECT max(id) AS h4 FROM quota.hiring \gset
SELECT pg_temp.age_hiring(:h4);
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (25, 'institution', 9, '滨编〔2024〕12号')$$) AS hiring_after_expiry;
SELECT approved, occupied, reserved FROM quota.org_status WHERE org_id = 25;

-- an expired loan's posts take nobody new, on the direct path and on the
-- owner-run ones (org 24: 60 + 40 own posts, 2 borrowed under a loan that expired)
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on)
VALUES ('lend', 'institution', 2, 13, 24, '滨编办〔2024〕21号', '2024-06-01', '2024-12-31');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(100 + i), '农技' || i, 24, 'institution', '2024-09-01', '滨编〔2024〕12号' FROM generate_series(1, 100) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(300 + i), '教师' || i, 23, 'institution', '2024-09-01', '滨编〔2024〕12号' FROM generate_series(1, 4) i;
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (23, 'deputy', 1, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
VALUES (pg_temp.pid(305), '副校长', 23, 'institution', 'deputy', '2024-09-01', '滨编〔2024〕12号');
CREATE TEMP TABLE t23 AS SELECT id, name FROM quota.staff WHERE org_id = 23;
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 24;
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(400), '新人', 24, 'institution', current_date, '滨编〔2024〕12号')$$) AS direct_entry;
-- one post and two people: the second person would sit on an expired loan's post
SELECT pg_temp.try(format($$SELECT quota.transfer(23, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[%s, %s])$$,
	(SELECT id FROM t23 WHERE name = '教师1'), (SELECT id FROM t23 WHERE name = '教师2'))) AS transfer_with_persons;
INSERT INTO quota.duty (org_id, name) VALUES (23, '农业科普');
SELECT max(id) AS duty FROM quota.duty \gset
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try(format($$SELECT quota.move_duty(%s, 24, '{"institution": 1}', ARRAY[%s, %s], '滨编〔2024〕15号')$$,
	:duty, (SELECT id FROM t23 WHERE name = '教师1'), (SELECT id FROM t23 WHERE name = '教师2'))) AS move_duty;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- §8 order on the owner-run paths: the posts' rules before the people's
SELECT pg_temp.try(format($$SELECT quota.transfer(23, 24, 'institution', 1, '滨农〔2024〕8号', ARRAY[%s, %s])$$,
	(SELECT id FROM t23 WHERE name = '教师1'), (SELECT id FROM t23 WHERE name = '教师2'))) AS authority_first;
SELECT pg_temp.try(format($$SELECT quota.transfer(23, 24, 'institution', 500, '滨编〔2024〕15号', ARRAY[%s, %s])$$,
	(SELECT id FROM t23 WHERE name = '教师1'), (SELECT id FROM t23 WHERE name = '教师2'))) AS insufficient_first;
-- a deputy moving into an org with no deputy post: the posts must exist first
SELECT pg_temp.try(format($$SELECT quota.transfer(23, 24, 'institution', 900, '滨编〔2024〕15号', ARRAY[%s])$$,
	(SELECT id FROM t23 WHERE name = '副校长'))) AS insufficient_before_leadership;
SELECT pg_temp.try(format($$SELECT quota.transfer(23, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[%s])$$,
	(SELECT id FROM t23 WHERE name = '副校长'))) AS leadership;
SELECT pg_temp.try(format($$SELECT quota.move_duty(%s, 24, '{"institution": 900}', ARRAY[%s], '滨编〔2024〕15号')$$,
	:duty, (SELECT id FROM t23 WHERE name = '副校长'))) AS duty_insufficient_before_leadership;
SELECT pg_temp.books() = :'before' AS nothing_written;
-- with posts enough the people move, and their moves are recorded under the document
SELECT quota.transfer(23, 24, 'institution', 2, '滨编〔2024〕15号',
	ARRAY[(SELECT id FROM t23 WHERE name = '教师1'), (SELECT id FROM t23 WHERE name = '教师2')]) > 0 AS moved;
SELECT t.name, e.kind, e.org_id, e.doc_no FROM quota.staff_event e JOIN t23 t ON t.id = e.staff_id
 WHERE e.kind = 'move' ORDER BY e.id;
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 24;

-- bad input: a NULL inside a person list is 22023, never silently ignored
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try(format($$SELECT quota.transfer(23, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[%s, NULL])$$,
	(SELECT id FROM t23 WHERE name = '教师3'))) AS transfer_null_person;
SELECT pg_temp.try($$SELECT quota.transfer(23, 24, 'institution', 1, '滨编〔2024〕15号', ARRAY[NULL]::bigint[])$$) AS transfer_only_null;
SELECT pg_temp.try(format($$SELECT quota.move_duty(%s, 24, '{"institution": 1}', ARRAY[NULL]::bigint[], '滨编〔2024〕15号')$$, :duty)) AS duty_null_person;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- 退一收一 also for a leaver whose talent draw was returned already (org 26:
-- 25 posts, recall_on_exit): the post the person leaves is an own post then
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(500 + i), '水文' || i, 26, 'institution', '2024-09-01', '滨编〔2024〕12号' FROM generate_series(1, 25) i;
INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
VALUES (pg_temp.pid(600), '人才', 26, 'institution', 'A', current_date, '滨编〔2024〕12号');
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 26;
UPDATE quota.staff SET left_on = current_date, left_reason = '退休' WHERE name = '水文1';
-- the draw is repaid while the talent hire stays (own posts are filled first)
INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, loan_id, doc_no)
SELECT 'repay', 'institution', 1, 26, 14, td.loan_id, '滨编〔2024〕12号'
  FROM quota.talent_draw td JOIN quota.staff s ON s.id = td.staff_id WHERE s.name = '人才';
UPDATE quota.org SET recall_on_exit = true WHERE id = 26;
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 26;
UPDATE quota.staff SET left_on = current_date, left_reason = '辞职' WHERE name = '人才';
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 26;
SELECT kind, amount, from_org, note LIKE '退一收一%' AS recall_on_exit FROM quota.movement ORDER BY id DESC LIMIT 1;

SELECT * FROM quota.verify();
