-- src/reform/correct_staff.sql: 容错纠错 of a roster event (quota.correct_staff_event) and the corrections view
-- ---------------------------------------------------------------------------
-- The roster history (quota.staff_event) is append-only like the ledger, so a
-- roster change recorded by mistake is undone by a correcting record, never an
-- edit.  The correcting record is a new staff_event carrying the date of the
-- one it undoes; recorded after it, it supersedes it, so quota.roster_at shows
-- every day as if the mistake had never been made, while the mistaken record
-- stays in the history.  The seats move today, by every rule as of today.
--
--   mistaken record            correcting record
--   entry  (入编)              leave, dated entered_on: the seat is freed, the
--                              hiring approval's slot and any talent draw are
--                              returned, no 退一收一 (the person never held it)
--   move / category / post /   the same kind back to the state before it, with
--   person                     the checks of a move (vacancy, leadership, ...)
--   leave  (出编)              entry, dated left_on: the person holds the seat
--                              again, if it is still free (the entry's rules)
--
-- Only the latest record of a roster row can be corrected (later ones first);
-- a record is corrected once (55000 the second time), and an undone entry is
-- final (the person re-enters with a new roster row).
-- ---------------------------------------------------------------------------

CREATE TABLE quota.staff_correction (
	correction_id bigint PRIMARY KEY,
	original_id bigint NOT NULL UNIQUE,
	staff_id bigint NOT NULL,
	original_kind text NOT NULL,
	doc_no text NOT NULL REFERENCES quota.approval (doc_no),
	reason text NOT NULL CHECK (pg_catalog.btrim(reason) OPERATOR(pg_catalog.<>) ''),
	recorded_at timestamptz NOT NULL DEFAULT now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER,
	CHECK (correction_id OPERATOR(pg_catalog.>) original_id)
);
COMMENT ON TABLE quota.staff_correction IS '容错纠错 of the roster: links each correcting record of quota.staff_event to the record it undoes (append-only; written by quota.correct_staff_event)';
COMMENT ON COLUMN quota.staff_correction.correction_id IS 'the correcting record (quota.staff_event.id)';
COMMENT ON COLUMN quota.staff_correction.original_id IS 'the record it undoes';
COMMENT ON COLUMN quota.staff_correction.staff_id IS 'the roster row (quota.staff.id)';
COMMENT ON COLUMN quota.staff_correction.original_kind IS 'kind of the record undone (entry, move, category, post, person, leave)';
COMMENT ON COLUMN quota.staff_correction.doc_no IS 'the document that orders the correction';
COMMENT ON COLUMN quota.staff_correction.reason IS 'why the original was wrong (accountability: 有责必问, 容错免责)';
COMMENT ON COLUMN quota.staff_correction.recorded_at IS 'when the correction was recorded';
COMMENT ON COLUMN quota.staff_correction.recorded_by IS 'who recorded it';
CREATE INDEX staff_correction_staff_idx ON quota.staff_correction (staff_id);
REVOKE ALL ON quota.staff_correction FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('quota.staff_correction', '');
CREATE TRIGGER staff_correction_immutable BEFORE UPDATE OR DELETE ON quota.staff_correction
	FOR EACH ROW EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER staff_correction_immutable ON quota.staff_correction IS 'corrections of the roster are append-only (quota_ledger_immutable)';
CREATE TRIGGER staff_correction_no_truncate BEFORE TRUNCATE ON quota.staff_correction
	FOR EACH STATEMENT EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER staff_correction_no_truncate ON quota.staff_correction IS 'corrections of the roster are not truncated (quota_ledger_immutable)';

-- a departure undone: the person takes the seat again by the entry's rules
CREATE FUNCTION quota.reseat(s quota.staff) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o record;
	total bigint;
BEGIN
	SELECT og.id, og.name, og.status, og.kind, og.rank, og.headcount_cap INTO o FROM quota.org og WHERE og.id = s.org_id;
	IF o.status <> 'active' THEN
		PERFORM quota.raise_rule('quota_org_inactive', 'staff', format('org %s (%s) is not active', o.id, o.name),
			format('%s is %s (不再是有效机构); the departure of %s cannot be undone there.', o.name, o.status, s.name));
	END IF;
	IF s.category <> 'filed' AND NOT EXISTS (SELECT 1 FROM quota.category_use u WHERE u.category = s.category AND u.org_kind = o.kind) THEN
		PERFORM quota.raise_rule('quota_category_mismatch', 'staff', format('org %s (%s) may not hold %s posts', o.id, o.name, s.category),
			format('%s is of kind %s; %s cannot take a %s post (不得混用、挤占、挪用).', o.name, o.kind, s.name, s.category));
	END IF;
	PERFORM quota.occupy(s.org_id, s.category, 1, 0, s.category <> 'filed');
	IF s.post IN ('chief', 'deputy') THEN
		PERFORM quota.lead(s.org_id, s.post, 1, true);
	END IF;
	IF quota.rank_level(s.post_rank) > quota.rank_level(o.rank) THEN
		PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
			format('rank %s is above the rank of org %s (%s)', s.post_rank, o.id, o.name),
			format('%s is a %s unit (机构规格); %s cannot hold a %s post.', o.name, o.rank, s.name, s.post_rank));
	END IF;
	INSERT INTO quota.person_post (person_id, staff_id) VALUES (upper(s.person_id), s.id) ON CONFLICT DO NOTHING;
	IF NOT FOUND THEN
		PERFORM quota.raise_rule('quota_person_duplicate', 'staff', format('person %s already holds an active post', s.person_id),
			format('%s (%s) holds post %s since; one person holds one post (一编一人).', s.name, s.person_id,
				   (SELECT p.staff_id FROM quota.person_post p WHERE p.person_id = upper(s.person_id))));
	END IF;
	IF s.category = 'filed' AND o.headcount_cap IS NULL THEN
		PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s (%s) takes no filed staff', o.id, o.name),
			'备案制 staff only count against a headcount cap (人员总量).');
	END IF;
	IF o.headcount_cap IS NOT NULL THEN
		SELECT sum(a.occupied) INTO total FROM quota.org_account a WHERE a.org_id = o.id;
		IF total > o.headcount_cap THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s (%s) would exceed its headcount cap', o.id, o.name),
				format('人员总量: %s has a cap of %s; 编制内 + 备案 staff would be %s.', o.name, o.headcount_cap, total));
		END IF;
	END IF;
END
$$;
COMMENT ON FUNCTION quota.reseat(quota.staff) IS 'internal: a departure undone (容错纠错): the person holds the seat again, checked as an entry (vacancy, leadership, one post per person, headcount cap)';
REVOKE ALL ON FUNCTION quota.reseat(quota.staff) FROM PUBLIC;

CREATE FUNCTION quota.correct_staff_event(event_id bigint, doc_no text, reason text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	e quota.staff_event;
	p quota.staff_event;
	s quota.staff;
	o record;
	released boolean;
	cid bigint;
BEGIN
	IF event_id IS NULL OR doc_no IS NULL OR reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'correct_staff_event needs a roster record, a document and a reason' USING ERRCODE = '22023',
			HINT = 'Call quota.correct_staff_event(event_id, doc_no, reason) with the document that orders the correction (容错纠错).';
	END IF;
	-- the caller's jurisdiction scope first (DESIGN.md §10), then the checks as the owner
	PERFORM quota.scope_require(ARRAY(SELECT x.org_id FROM quota.staff_event x WHERE x.id = event_id), 'quota.correct_staff_event');
	SELECT * INTO e FROM quota.staff_event se WHERE se.id = event_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'roster record % does not exist', event_id USING ERRCODE = '22023',
			HINT = 'quota.staff_event lists the roster records and their ids.';
	END IF;
	IF e.doc_no IS NOT DISTINCT FROM doc_no THEN
		RAISE EXCEPTION 'a correction is ordered by a document of its own' USING ERRCODE = '22023',
			DETAIL = format('Roster record %s was made under %s; the correction names the document that orders it (纠错文号).', event_id, doc_no);
	END IF;
	-- the roster row first: corrections and changes of one person are serialized
	-- by it (under snapshot isolation a concurrent change is 40001)
	SELECT * INTO s FROM quota.staff st WHERE st.id = e.staff_id FOR UPDATE;
	IF EXISTS (SELECT 1 FROM quota.staff_correction c WHERE c.original_id = event_id) THEN
		RAISE EXCEPTION 'roster record % has already been corrected', event_id USING ERRCODE = '55000',
			DETAIL = format('容错纠错: record %s was undone by record %s; correct that one to restore it.', event_id,
							(SELECT c.correction_id FROM quota.staff_correction c WHERE c.original_id = event_id));
	END IF;
	IF EXISTS (SELECT 1 FROM quota.staff_event se WHERE se.staff_id = e.staff_id AND se.id > e.id) THEN
		RAISE EXCEPTION 'roster record % is not the latest of staff %', event_id, e.staff_id USING ERRCODE = '55000',
			DETAIL = format('容错纠错: staff %s has later records (%s); they are corrected first, latest first.', e.staff_id,
							(SELECT string_agg(se.id::text, ', ' ORDER BY se.id) FROM quota.staff_event se
							  WHERE se.staff_id = e.staff_id AND se.id > e.id));
	END IF;
	IF EXISTS (SELECT 1 FROM quota.staff_correction c WHERE c.staff_id = e.staff_id AND c.original_kind = 'entry') THEN
		RAISE EXCEPTION 'the entry of staff % was undone', e.staff_id USING ERRCODE = '55000',
			DETAIL = '容错纠错: a roster row whose entry was undone is a closed record.',
			HINT = 'The person enters again with a new roster row (INSERT INTO quota.staff).';
	END IF;
	-- the correcting document has authority where the record took effect (the
	-- destination's authority is checked by the change itself)
	SELECT og.division INTO o FROM quota.org og WHERE og.id = e.org_id;
	PERFORM quota.authority_check(doc_no, o.division, format('容错纠错 of roster record %s', event_id));

	CASE e.kind
	WHEN 'entry' THEN
		-- 入编 undone: as if never entered
		INSERT INTO quota.staff_fix (staff_id, on_date, own) VALUES (s.id, s.entered_on, true);
		UPDATE quota.staff st SET left_on = st.entered_on, left_reason = '容错纠错: ' || reason, change_doc = doc_no
		 WHERE st.id = s.id;
		PERFORM 1 FROM quota.org_account a WHERE a.org_id = s.org_id AND a.category = s.category FOR NO KEY UPDATE;
		-- the seat, a leader post and any talent draw come back; no 退一收一 (moving => true)
		PERFORM quota.release_seat(s, s.entered_on, true);
		DELETE FROM quota.person_post pp WHERE pp.person_id = upper(s.person_id) AND pp.staff_id = s.id;
		IF s.hiring_id IS NOT NULL THEN
			-- the hiring approval's slot is free again, reserved while the approval is open
			UPDATE quota.hiring_account ha SET used = ha.used - 1 WHERE ha.hiring_id = s.hiring_id
			RETURNING ha.released INTO released;
			IF NOT released THEN
				UPDATE quota.org_account a SET reserved = a.reserved + 1 FROM quota.hiring h
				 WHERE h.id = s.hiring_id AND a.org_id = h.org_id AND a.category = h.category;
			END IF;
		END IF;
		INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason)
		VALUES (s.id, upper(s.person_id), 'leave', s.org_id, s.category, s.post, s.entered_on, doc_no, reason)
		RETURNING id INTO cid;
	WHEN 'leave' THEN
		-- 出编 undone: the person holds the seat again, if it is still free
		INSERT INTO quota.staff_fix (staff_id, on_date, own) VALUES (s.id, s.left_on, true);
		UPDATE quota.staff st SET left_on = NULL, left_reason = NULL, change_doc = doc_no WHERE st.id = s.id;
		PERFORM quota.reseat(s);
		INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason)
		VALUES (s.id, upper(s.person_id), 'entry', s.org_id, s.category, s.post, s.left_on, doc_no, reason)
		RETURNING id INTO cid;
	ELSE
		-- a move, category, post or id change undone: back to the record before it,
		-- checked as any such change (the roster trigger writes the record)
		SELECT * INTO p FROM quota.staff_event se WHERE se.staff_id = e.staff_id AND se.id < e.id ORDER BY se.id DESC LIMIT 1;
		INSERT INTO quota.staff_fix (staff_id, on_date, own) VALUES (s.id, e.on_date, false);
		UPDATE quota.staff st
		   SET org_id = p.org_id, category = p.category, post = p.post, change_doc = doc_no,
			   person_id = CASE WHEN upper(st.person_id) = p.person_id THEN st.person_id ELSE p.person_id END
		 WHERE st.id = s.id;
		SELECT max(se.id) INTO cid FROM quota.staff_event se WHERE se.staff_id = s.id;
	END CASE;
	DELETE FROM quota.staff_fix f WHERE f.staff_id = s.id;
	BEGIN
		INSERT INTO quota.staff_correction (correction_id, original_id, staff_id, original_kind, doc_no, reason)
		VALUES (cid, event_id, s.id, e.kind, doc_no, reason);
	EXCEPTION WHEN unique_violation THEN
		RAISE EXCEPTION 'roster record % has already been corrected', event_id USING ERRCODE = '55000',
			DETAIL = '容错纠错: a concurrent transaction corrected it first.';
	END;
	RETURN cid;
END
$$;
COMMENT ON FUNCTION quota.correct_staff_event(bigint, text, text) IS '容错纠错 of the roster: undoes a roster record made by mistake (an entry, move, category, post or id change, a departure) with a correcting record dated as the original, checked by every rule as of today, linked to it with the reason; returns the correcting record (quota.staff_event.id); 55000 when already corrected or not the latest record';

-- every correction, of the ledger and of the roster (the contract's columns
-- first).  Owner-run, the caller's jurisdiction scope applied first (its
-- scope rows and its groups'; everything for the owner, superusers and
-- BYPASSRLS roles): a ledger correction when an end of the correcting
-- movement lies in the scope; a roster correction (a person's record) only
-- for a role that may read the roster history, when its org lies in the
-- scope.  So a reader, which reads neither the ledger nor the roster
-- history, reads the ledger's corrections of its jurisdictions.
CREATE FUNCTION quota.corrections_rows()
RETURNS TABLE (correction_id bigint, original_id bigint, kind text, category text, amount integer, doc_no text,
			   reason text, recorded_at timestamptz, recorded_by name, original_kind text, step smallint,
			   subject text, staff_id bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
#variable_conflict use_column
DECLARE
	me name := quota.actor();
	everything boolean := NOT quota.scoped(me);
	mine quota.division[] := quota.scope_divisions_of(me);
	people boolean := pg_catalog.has_table_privilege(me, 'quota.staff_event', 'SELECT');
BEGIN
	RETURN QUERY
	SELECT c.correction_id, c.original_id, m.kind, m.category, m.amount, c.doc_no, c.reason, c.recorded_at, c.recorded_by,
		   o.kind, c.step, 'movement'::text, NULL::bigint
	FROM quota.correction c
	JOIN quota.movement m ON m.id OPERATOR(pg_catalog.=) c.correction_id
	JOIN quota.movement o ON o.id OPERATOR(pg_catalog.=) c.original_id
	WHERE everything OR quota.movement_in(m.from_org, m.to_org, m.from_pool, m.to_pool, mine)
	UNION ALL
	SELECT c.correction_id, c.original_id, e.kind, e.category, 1, c.doc_no, c.reason, c.recorded_at, c.recorded_by,
		   c.original_kind, 1::smallint, 'staff_event'::text, c.staff_id
	FROM quota.staff_correction c
	JOIN quota.staff_event e ON e.id OPERATOR(pg_catalog.=) c.correction_id
	WHERE everything OR (people AND EXISTS (SELECT 1 FROM quota.org g WHERE g.id OPERATOR(pg_catalog.=) e.org_id
												 AND g.division OPERATOR(pg_catalog.<@) ANY (mine)));
END
$f$;
COMMENT ON FUNCTION quota.corrections_rows() IS 'internal: the rows of quota.corrections the caller may read (its scope applied first; roster corrections only for roles that read the roster history; runs as the owner)';

CREATE VIEW quota.corrections AS
SELECT * FROM quota.corrections_rows();
COMMENT ON VIEW quota.corrections IS '容错纠错: every correcting record (of the ledger and of the roster history) with what it reverses, when, by whom, why and under which document (nothing is erased)';
COMMENT ON COLUMN quota.corrections.correction_id IS '纠错记录 the correcting record (quota.movement.id, or quota.staff_event.id when subject is staff_event)';
COMMENT ON COLUMN quota.corrections.original_id IS '被纠正的记录 the record it reverses (same table as correction_id)';
COMMENT ON COLUMN quota.corrections.kind IS '纠错变动种类 kind of the correcting movement or roster record';
COMMENT ON COLUMN quota.corrections.category IS '编制类别 category of the posts (for a roster record: of the seat after the correction)';
COMMENT ON COLUMN quota.corrections.amount IS '编制数 number of posts (1 for a roster record: one person''s seat)';
COMMENT ON COLUMN quota.corrections.doc_no IS '纠错文号 the document that orders the correction';
COMMENT ON COLUMN quota.corrections.reason IS '纠错原因 why the original was wrong';
COMMENT ON COLUMN quota.corrections.recorded_at IS '记录时间 when the correction was recorded';
COMMENT ON COLUMN quota.corrections.recorded_by IS '记录人 who recorded it';
COMMENT ON COLUMN quota.corrections.original_kind IS '原变动种类 kind of the movement or roster record reversed';
COMMENT ON COLUMN quota.corrections.step IS '步骤 1, or 2 for the allocate after the issue that reverses a retire from an org';
COMMENT ON COLUMN quota.corrections.subject IS '纠错对象 movement (编制台账) or staff_event (实名制 roster history)';
COMMENT ON COLUMN quota.corrections.staff_id IS '人员 the roster row (quota.staff.id) of a roster correction';
