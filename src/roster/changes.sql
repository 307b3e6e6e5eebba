-- src/roster/changes.sql: roster changes: moves, departures (出编) and seat release; no DELETE or TRUNCATE
-- Free the seat of a leaving (or moving) person: a borrowed post first
-- (R4.6); a talent draw returns to its pool; under an expired loan the freed
-- borrowed post returns to its pool; with recall_on_exit an own post is
-- retired (退一收一).  on_date is the date of the event.
CREATE FUNCTION quota.release_seat(s quota.staff, on_date date, moving boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	l record;
	td bigint;
	eff date := LEAST(on_date, CURRENT_DATE);
BEGIN
	UPDATE quota.org_account SET occupied = occupied - 1
	 WHERE org_id = s.org_id AND category = s.category
	RETURNING approved, borrowed, occupied, reserved INTO acc;
	IF s.post IN ('chief', 'deputy') THEN
		PERFORM quota.lead(s.org_id, s.post, -1, false);
	END IF;
	IF s.category = 'filed' THEN
		RETURN;
	END IF;
	DELETE FROM quota.talent_draw WHERE staff_id = s.id RETURNING loan_id INTO td;
	IF td IS NOT NULL THEN
		SELECT lo.loan_id, lo.pool_id, lo.outstanding, m.doc_no, m.effective_on INTO l
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id WHERE lo.loan_id = td;
		IF l.outstanding > 0 THEN
			-- (never dated before the loan itself: a backdated departure returns it on the loan's day)
			PERFORM quota.internal_movement('repay', s.category, 1, s.org_id, NULL, NULL, l.pool_id, l.doc_no,
				GREATEST(eff, l.effective_on), NULL,
				l.loan_id, format('人才编制: return of the draw for %s (staff %s)', s.name, s.id));
			RETURN;
		END IF;
		-- the draw was returned already (its loan settled): the person sits on an
		-- own post like anyone else, and the rules below (退一收一 included) apply
	END IF;
	IF acc.occupied + 1 > acc.approved THEN
		-- the freed post is a borrowed one: an expired loan takes it back
		SELECT lo.loan_id, lo.pool_id, m.doc_no, m.effective_on INTO l
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id
		 WHERE lo.org_id = s.org_id AND lo.category = s.category AND lo.outstanding > 0
		   AND (lo.expired OR lo.expires_on < eff)
		 ORDER BY lo.expires_on, lo.loan_id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.internal_movement('repay', s.category, 1, s.org_id, NULL, NULL, l.pool_id, l.doc_no,
				GREATEST(eff, l.effective_on), NULL,
				l.loan_id, format('周转编制到期收回: post freed by %s (staff %s)', s.name, s.id));
		END IF;
	ELSIF NOT moving AND acc.approved - acc.occupied - acc.reserved >= 1
		  AND (SELECT recall_on_exit FROM quota.org WHERE id = s.org_id) THEN
		PERFORM quota.internal_movement('retire', s.category, 1, s.org_id, NULL, NULL, NULL, s.entry_doc, eff, NULL,
			NULL, format('退一收一: post of %s (staff %s) retired on leaving', s.name, s.id));
	END IF;
END
$$;
COMMENT ON FUNCTION quota.release_seat(quota.staff, date, boolean) IS 'internal: frees the seat of a leaving or moving person, with the loan and 退一收一 rules';

-- One changed row: its version before ("old") and after ("new") the UPDATE;
-- called by the statement trigger quota.staff_changes (C, src/roster/changes.c)
-- for each row a statement changed, in the order it changed them, as the owner.
CREATE FUNCTION quota.staff_change("old" quota.staff, "new" quota.staff) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	pass record;
	hc record;
	moving boolean;
	changing boolean;
	o record;
	new_doc boolean := NEW.change_doc IS DISTINCT FROM OLD.change_doc;
	fix record;
BEGIN
	-- 容错纠错 (quota.correct_staff_event): an entry or departure undone does its
	-- own accounting; a change undone is checked below, dated as the change it undoes
	SELECT f.on_date, f.own INTO fix FROM quota.staff_fix f WHERE f.staff_id = OLD.id;
	IF fix.own THEN
		RETURN;
	END IF;
	-- the write matrix (README): what an entry fixed stays fixed; a departed row is history
	IF OLD.left_on IS NOT NULL THEN
		IF (NEW.id, NEW.person_id, NEW.org_id, NEW.category, NEW.post, NEW.post_rank, NEW.talent_level, NEW.hiring_id,
			NEW.entered_on, NEW.entry_doc, NEW.left_on, NEW.left_reason, NEW.change_doc)
		   IS DISTINCT FROM
		   (OLD.id, OLD.person_id, OLD.org_id, OLD.category, OLD.post, OLD.post_rank, OLD.talent_level, OLD.hiring_id,
			OLD.entered_on, OLD.entry_doc, OLD.left_on, OLD.left_reason, OLD.change_doc) THEN
			RAISE EXCEPTION 'staff % has left; a departed row is a record and only its name may be corrected', OLD.id
				USING ERRCODE = '55000',
					  DETAIL = format('%s left on %s; the change records (quota.staff_event) keep the departure.', OLD.name, OLD.left_on),
					  HINT = 'A departed person re-enters with a new roster row.';
		END IF;
		RETURN;
	END IF;
	IF (NEW.id, NEW.hiring_id, NEW.entered_on, NEW.entry_doc, NEW.talent_level)
	   IS DISTINCT FROM (OLD.id, OLD.hiring_id, OLD.entered_on, OLD.entry_doc, OLD.talent_level) THEN
		RAISE EXCEPTION 'staff %: id, hiring_id, entered_on, entry_doc and talent_level are fixed by the entry', OLD.id
			USING ERRCODE = '55000',
				  DETAIL = 'They are the record of the entry (入编): the hiring approval it filled, its date and document, the talent draw it made.',
				  HINT = 'A wrong entry is corrected by recording a departure and a new entry.';
	END IF;
	changing := NEW.org_id <> OLD.org_id OR NEW.category <> OLD.category OR NEW.post <> OLD.post
				OR upper(NEW.person_id) <> upper(OLD.person_id);
	-- a new rank is locked FOR KEY SHARE (no row-level foreign key: its deletion
	-- or renaming waits, then refuses, quota.roster_kept; an unknown one failed
	-- the column's CHECK)
	IF NEW.post_rank IS DISTINCT FROM OLD.post_rank AND NEW.post_rank IS NOT NULL THEN
		PERFORM 1 FROM quota.rank WHERE code = NEW.post_rank FOR KEY SHARE;
	END IF;
	IF NEW.left_on IS NOT NULL THEN
		IF NEW.left_on > CURRENT_DATE THEN
			PERFORM quota.raise_rule('quota_movement_shape', 'staff', format('staff %s leaves in the future', OLD.id),
				format('%s: left_on %s is after today; a departure (出编) is recorded when it happens.', OLD.name, NEW.left_on));
		END IF;
		-- 出编: the row records where the person left from, so nothing else changes with it
		IF changing THEN
			RAISE EXCEPTION 'staff %: a departure cannot also change the org, category, post or person', OLD.id
				USING ERRCODE = '55000', HINT = 'Set left_on alone; a move is an UPDATE of org_id or category (with change_doc) without left_on.';
		END IF;
		-- the history stays in order: nobody leaves before their last change
		SELECT max(e.on_date) AS last_on INTO o FROM quota.staff_event e WHERE e.staff_id = OLD.id;
		IF NEW.left_on < o.last_on THEN
			PERFORM quota.raise_rule('quota_movement_shape', 'staff', format('staff %s leaves before its last change', OLD.id),
				format('%s: left_on %s is before %s, the date of the last change on record (quota.staff_event).',
					   OLD.name, NEW.left_on, o.last_on));
		END IF;
		-- the references (quota.staff has no row-level foreign keys): the document
		-- named is locked FOR KEY SHARE (its deletion waits, then refuses:
		-- quota.approval_kept) or refused as quota_authority when unknown
		IF new_doc AND NEW.change_doc IS NOT NULL
		   AND NOT EXISTS (SELECT 1 FROM (SELECT 1 FROM quota.approval WHERE doc_no = NEW.change_doc FOR KEY SHARE) a) THEN
			PERFORM quota.authority_check(NEW.change_doc, NULL, format('departure of %s', NEW.name));
		END IF;
		PERFORM quota.release_seat(OLD, NEW.left_on, false);
		DELETE FROM quota.person_post WHERE person_id = upper(OLD.person_id) AND staff_id = OLD.id;
		INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason)
		VALUES (OLD.id, upper(OLD.person_id), 'leave', OLD.org_id, OLD.category, OLD.post, NEW.left_on,
				CASE WHEN new_doc THEN NEW.change_doc END, NEW.left_reason);
		RETURN;
	END IF;
	IF NOT changing THEN
		IF new_doc THEN
			RAISE EXCEPTION 'staff %: change_doc names the document of a change, and nothing changes', OLD.id
				USING ERRCODE = '55000', HINT = 'Set change_doc in the UPDATE that changes org_id, category, post, person_id or left_on.';
		END IF;
	ELSE
		-- a change names its own document, with authority over the destination,
		-- checked as an entry's document is (DESIGN.md §12)
		IF NOT new_doc OR NEW.change_doc IS NULL THEN
			PERFORM quota.raise_rule('quota_authority', 'staff', format('the change of staff %s names no document', OLD.id),
				format('%s: a move (调动), category or post change (任免) or id correction sets change_doc to its approval document (文号) in the same UPDATE.', OLD.name),
				'SET change_doc = ''<文号>'' together with the change.');
		END IF;
		-- (the document locked FOR KEY SHARE, as in a departure; unknown: quota_authority)
		IF NOT EXISTS (SELECT 1 FROM (SELECT 1 FROM quota.approval WHERE doc_no = NEW.change_doc FOR KEY SHARE) a) THEN
			PERFORM quota.authority_check(NEW.change_doc, NULL, format('roster change of %s', NEW.name));
		END IF;
		PERFORM quota.authority_check(NEW.change_doc, og.division, format('roster change of %s', NEW.name))
		   FROM quota.org og WHERE og.id = NEW.org_id;
		INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no)
		VALUES (NEW.id, upper(NEW.person_id),
				CASE WHEN NEW.org_id <> OLD.org_id THEN 'move' WHEN NEW.category <> OLD.category THEN 'category'
					 WHEN NEW.post <> OLD.post THEN 'post' ELSE 'person' END,
				NEW.org_id, NEW.category, NEW.post, COALESCE(fix.on_date, CURRENT_DATE), NEW.change_doc);
	END IF;
	moving := NEW.org_id <> OLD.org_id OR NEW.category <> OLD.category;
	IF moving THEN
		SELECT * INTO pass FROM quota.staff_pass WHERE staff_id = NEW.id;
		-- a new org is locked FOR KEY SHARE (its deletion waits, then refuses:
		-- quota.roster_kept), refused when unknown
		IF NEW.org_id <> OLD.org_id THEN
			SELECT id, name, status, kind INTO o FROM quota.org WHERE id = NEW.org_id FOR KEY SHARE;
		ELSE
			SELECT id, name, status, kind INTO o FROM quota.org WHERE id = NEW.org_id;
		END IF;
		IF NOT FOUND THEN
			PERFORM quota.raise_rule('quota_org_inactive', 'staff', format('org %s does not exist', NEW.org_id),
				format('No org %s is registered in quota.org; %s cannot move into it.', NEW.org_id, NEW.name),
				'Register the org first (INSERT INTO quota.org).');
		END IF;
		IF o.status <> 'active' THEN
			PERFORM quota.raise_rule('quota_org_inactive', 'staff', format('org %s is not active', o.id),
				format('%s is %s (不再是有效机构); %s cannot move into it.', o.name, o.status, NEW.name));
		END IF;
		IF NEW.category <> OLD.category
		   AND NOT EXISTS (SELECT 1 FROM (SELECT 1 FROM quota.category WHERE code = NEW.category FOR KEY SHARE) c) THEN
			PERFORM quota.raise_rule('quota_category_mismatch', 'staff', format('category %s does not exist', NEW.category),
				format('No category %s is registered in quota.category (编制类别); %s cannot take a post of it.', NEW.category, NEW.name),
				'Name one of the categories of quota.category.');
		END IF;
		IF NEW.category <> 'filed' AND NOT EXISTS (SELECT 1 FROM quota.category_use WHERE category = NEW.category AND org_kind = o.kind) THEN
			PERFORM quota.raise_rule('quota_category_mismatch', 'staff', format('org %s may not hold %s posts', o.id, NEW.category),
				format('%s is of kind %s; %s cannot take a %s post (不得混用、挤占、挪用).', o.name, o.kind, NEW.name, NEW.category));
		END IF;
		-- both accounts (and leader accounts) in ascending order, so opposite moves cannot deadlock
		PERFORM 1 FROM quota.org_account
		 WHERE (org_id = OLD.org_id AND category = OLD.category) OR (org_id = NEW.org_id AND category = NEW.category)
		 ORDER BY org_id, category FOR NO KEY UPDATE;
		PERFORM 1 FROM quota.leader_account
		 WHERE (org_id = OLD.org_id AND post = OLD.post) OR (org_id = NEW.org_id AND post = NEW.post)
		 ORDER BY org_id, post FOR NO KEY UPDATE;
		PERFORM quota.release_seat(OLD, CURRENT_DATE, true);
		IF COALESCE(pass.arriving, false) THEN
			-- moving with posts: the seat at the receiver is taken by quota.seat_arrivals
			-- once the posts have moved (the posts' rules are reported first, §8)
			RETURN;
		END IF;
		IF pass.staff_id IS NULL AND NEW.talent_level IS NOT NULL AND NEW.category <> 'filed'
		   AND NOT quota.try_occupy(NEW.org_id, NEW.category, 1, 0, quota.expired_borrowed(NEW.org_id, NEW.category)) THEN
			PERFORM quota.talent_draw_for(NEW);
			PERFORM quota.occupy(NEW.org_id, NEW.category, 1, 0, true);
		ELSIF NOT (pass.staff_id IS NULL AND NEW.talent_level IS NOT NULL AND NEW.category <> 'filed') THEN
			PERFORM quota.occupy(NEW.org_id, NEW.category, 1, 0, NEW.category <> 'filed' AND pass.staff_id IS NULL);
		END IF;
		IF NEW.post IN ('chief', 'deputy') THEN
			PERFORM quota.lead(NEW.org_id, NEW.post, 1, NOT COALESCE(pass.allow_excess, false));
		END IF;
		IF NEW.category = 'filed' AND (SELECT headcount_cap FROM quota.org WHERE id = NEW.org_id) IS NULL
		   AND NOT COALESCE(pass.allow_excess, false) THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s takes no filed staff', NEW.org_id),
				'备案制 staff only count against a headcount cap (人员总量).');
		END IF;
	ELSIF NEW.post <> OLD.post THEN
		IF OLD.post IN ('chief', 'deputy') THEN
			PERFORM quota.lead(OLD.org_id, OLD.post, -1, false);
		END IF;
		IF NEW.post IN ('chief', 'deputy') THEN
			PERFORM quota.lead(NEW.org_id, NEW.post, 1, true);
		END IF;
	END IF;
	IF quota.rank_level(NEW.post_rank) > (SELECT quota.rank_level(rank) FROM quota.org WHERE id = NEW.org_id) THEN
		PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
			format('rank %s is above the rank of org %s', NEW.post_rank, NEW.org_id),
			format('%s cannot hold a %s post in a unit of rank %s (机构规格).', NEW.name, NEW.post_rank,
				   (SELECT rank FROM quota.org WHERE id = NEW.org_id)));
	END IF;
	IF upper(NEW.person_id) <> upper(OLD.person_id) THEN
		DELETE FROM quota.person_post WHERE person_id = upper(OLD.person_id) AND staff_id = OLD.id;
		INSERT INTO quota.person_post (person_id, staff_id) VALUES (upper(NEW.person_id), NEW.id) ON CONFLICT DO NOTHING;
		IF NOT FOUND THEN
			PERFORM quota.raise_rule('quota_person_duplicate', 'staff', format('person %s already holds an active post', NEW.person_id),
				'One person holds one post (一编一人).');
		END IF;
	END IF;
	-- (nested: pass is assigned only when moving)
	IF moving THEN
		SELECT og.headcount_cap AS cap, (SELECT sum(a.occupied) FROM quota.org_account a WHERE a.org_id = og.id) AS total
		  INTO hc FROM quota.org og WHERE og.id = NEW.org_id AND og.headcount_cap IS NOT NULL;
		IF hc.total > hc.cap AND NOT COALESCE(pass.allow_excess, false) THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s would exceed its headcount cap', NEW.org_id),
				format('人员总量: %s has a cap of %s; 编制内 + 备案 staff would be %s.', NEW.org_id, hc.cap, hc.total));
		END IF;
	END IF;
	RETURN;
END
$$;
COMMENT ON FUNCTION quota.staff_change(quota.staff, quota.staff) IS 'internal: checks and applies one changed roster row: leaving (出编), moves (a move needs a vacancy at the destination), post changes, id corrections';
REVOKE ALL ON FUNCTION quota.staff_change(quota.staff, quota.staff) FROM PUBLIC;
CREATE FUNCTION quota.staff_changes() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_staff_changes' LANGUAGE C;
COMMENT ON FUNCTION quota.staff_changes() IS 'statement trigger (C): every row an UPDATE changed, in order, through quota.staff_change; no after-trigger event per row';
CREATE TRIGGER staff_changes AFTER UPDATE ON quota.staff
	REFERENCING OLD TABLE AS old_staff NEW TABLE AS new_staff FOR EACH STATEMENT EXECUTE FUNCTION quota.staff_changes();
COMMENT ON TRIGGER staff_changes ON quota.staff IS 'leaving, moves and post changes';

CREATE FUNCTION quota.staff_no_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'TRUNCATE' OR OLD.left_on IS NULL THEN
		RAISE EXCEPTION 'active staff are not deleted: set left_on to record a departure (出编)'
			USING ERRCODE = '55000';
	END IF;
	RAISE EXCEPTION 'staff % is a record of the roster and is kept', OLD.id
		USING ERRCODE = '55000',
			  DETAIL = '实名制: a departed row is the record its change history (quota.staff_event) and any hiring approval it filled refer to.';
END
$$;
COMMENT ON FUNCTION quota.staff_no_delete() IS 'the roster keeps its rows: departures are recorded with left_on, and departed rows stay as the record';
CREATE TRIGGER staff_no_delete BEFORE DELETE ON quota.staff
	FOR EACH ROW EXECUTE FUNCTION quota.staff_no_delete();
COMMENT ON TRIGGER staff_no_delete ON quota.staff IS 'roster rows are not deleted';
CREATE TRIGGER staff_no_truncate BEFORE TRUNCATE ON quota.staff
	FOR EACH STATEMENT EXECUTE FUNCTION quota.staff_no_delete();
COMMENT ON TRIGGER staff_no_truncate ON quota.staff IS 'the roster is not truncated';
