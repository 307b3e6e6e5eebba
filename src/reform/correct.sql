-- src/reform/correct.sql: 容错纠错 (quota.correct_movement and quota.corrections)
-- ---------------------------------------------------------------------------
-- The ledger is append-only, so a mistaken movement is never edited: it is
-- corrected by posting its exact reverse (TigerBeetle's correcting transfer),
-- an ordinary ledger row checked by every rule as of today, under a document
-- of its own and with a reason, linked to the original in quota.correction.
-- A movement is corrected at most once (55000 the second time).
--
--   original                      reverse (posted today)
--   issue    -> pool P            retire   P -> outside
--   retire   P -> outside         issue    outside -> P
--   retire   org O -> outside     issue    outside -> O's unallocated pool U,
--                                 then allocate U -> O (two rows, steps 1 and 2)
--   delegate P -> Q               delegate Q -> P
--   allocate P -> O               recall   O -> P
--   recall   O -> P               allocate P -> O
--   transfer A -> B               transfer B -> A
--   lend     P -> O (loan L)      repay    O -> P of loan L, the whole amount
--   repay    O -> P (loan L)      lend     P -> O until L's expires_on (a new loan)
-- ---------------------------------------------------------------------------

CREATE TABLE quota.correction (
	correction_id bigint PRIMARY KEY REFERENCES quota.movement (id),
	original_id bigint NOT NULL REFERENCES quota.movement (id),
	step smallint NOT NULL DEFAULT 1 CHECK (step IN (1, 2)),
	doc_no text NOT NULL REFERENCES quota.approval (doc_no),
	reason text NOT NULL CHECK (pg_catalog.btrim(reason) OPERATOR(pg_catalog.<>) ''),
	recorded_at timestamptz NOT NULL DEFAULT now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER,
	UNIQUE (original_id, step)
);
COMMENT ON TABLE quota.correction IS '容错纠错: links each correcting movement to the movement it reverses (append-only; written by quota.correct_movement)';
COMMENT ON COLUMN quota.correction.correction_id IS 'the correcting movement (a row of quota.movement)';
COMMENT ON COLUMN quota.correction.original_id IS 'the movement it reverses';
COMMENT ON COLUMN quota.correction.step IS '1, or 2 for the allocate that follows the issue when a retire from an org is reversed';
COMMENT ON COLUMN quota.correction.doc_no IS 'the document that orders the correction';
COMMENT ON COLUMN quota.correction.reason IS 'why the original was wrong (accountability: 有责必问, 容错免责)';
COMMENT ON COLUMN quota.correction.recorded_at IS 'when the correction was recorded';
COMMENT ON COLUMN quota.correction.recorded_by IS 'who recorded it';
CREATE INDEX correction_original_idx ON quota.correction (original_id);
REVOKE ALL ON quota.correction FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('quota.correction', '');

CREATE FUNCTION quota.correction_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	m record;
	o record;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		RAISE EXCEPTION 'corrections are append-only: a correction is itself corrected by correcting its movement'
			USING ERRCODE = '55000';
	END IF;
	-- the audit trail is the server's, and a link joins a movement to its reverse only
	NEW.recorded_at := now();
	NEW.recorded_by := quota.actor();	-- the role that issued the statement (this trigger runs as the owner)
	SELECT kind, category, amount, recorded_at INTO m FROM quota.movement WHERE id = NEW.correction_id;
	SELECT kind, category, amount INTO o FROM quota.movement WHERE id = NEW.original_id;
	IF m.recorded_at IS DISTINCT FROM now() OR m.category IS DISTINCT FROM o.category OR m.amount IS DISTINCT FROM o.amount
	   OR NEW.correction_id <= NEW.original_id THEN
		RAISE EXCEPTION 'movement % is not a reverse of movement % posted in this transaction', NEW.correction_id, NEW.original_id
			USING ERRCODE = '55000', HINT = 'Use quota.correct_movement.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.correction_fixed() IS 'corrections are append-only and link a movement only to its reverse recorded with it';
CREATE TRIGGER correction_fixed BEFORE INSERT OR UPDATE OR DELETE ON quota.correction
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.correction_fixed();
COMMENT ON TRIGGER correction_fixed ON quota.correction IS 'append-only; links only a reverse posted in the same transaction';
CREATE TRIGGER correction_no_truncate BEFORE TRUNCATE ON quota.correction
	FOR EACH STATEMENT EXECUTE FUNCTION quota.correction_fixed();
COMMENT ON TRIGGER correction_no_truncate ON quota.correction IS 'corrections are not truncated';

CREATE FUNCTION quota.correct_movement(movement_id bigint, doc_no text, reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	m record;
	l record;
	pool bigint;
	mid bigint;
	first_id bigint;
	note text;
	-- a pool this call created, as the clerk would know it (its errors never name its rolled-back id)
	made jsonb := '[]'::jsonb;
	e_state text; e_constraint text; e_schema text; e_table text; e_message text; e_detail text; e_hint text;
BEGIN
	IF movement_id IS NULL OR doc_no IS NULL OR reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'correct_movement needs a movement, a document and a reason' USING ERRCODE = '22023',
			HINT = 'Call quota.correct_movement(movement_id, doc_no, reason) with the document that orders the correction (容错纠错).';
	END IF;
	-- one correction of a movement at a time
	PERFORM pg_advisory_xact_lock('quota.correction'::regclass::oid::integer, (movement_id % 2147483647)::integer);
	SELECT mv.id, mv.kind, mv.category, mv.amount, mv.from_org, mv.from_pool, mv.to_org, mv.to_pool, mv.loan_id
	  INTO m FROM quota.movement mv WHERE mv.id = movement_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'movement % does not exist', movement_id USING ERRCODE = '22023',
			HINT = 'quota.movement lists the ledger rows and their ids.';
	END IF;
	IF EXISTS (SELECT 1 FROM quota.correction c WHERE c.original_id = movement_id) THEN
		RAISE EXCEPTION 'movement % has already been corrected', movement_id USING ERRCODE = '55000',
			DETAIL = format('容错纠错: movement %s was reversed by movement %s; correct that one to restore it.', movement_id,
							(SELECT max(c.correction_id) FROM quota.correction c WHERE c.original_id = movement_id));
	END IF;
	note := format('容错纠错: reverses movement %s (%s)', movement_id, reason);
	CASE m.kind
	WHEN 'issue' THEN
		INSERT INTO quota.movement (kind, category, amount, from_pool, doc_no, note)
		VALUES ('retire', m.category, m.amount, m.to_pool, doc_no, note) RETURNING id INTO mid;
	WHEN 'retire' THEN
		IF m.from_pool IS NOT NULL THEN
			INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, note)
			VALUES ('issue', m.category, m.amount, m.from_pool, doc_no, note) RETURNING id INTO mid;
		ELSE
			-- an org cannot be issued to: the posts come back through its jurisdiction's unallocated pool
			SELECT p.id INTO pool FROM quota.pool p JOIN quota.org o ON o.division = p.division
			 WHERE o.id = m.from_org AND p.kind = 'unallocated' AND p.category = m.category;
			IF pool IS NULL THEN
				INSERT INTO quota.pool (division, kind, category)
				SELECT o.division, 'unallocated', m.category FROM quota.org o WHERE o.id = m.from_org
				RETURNING id INTO pool;
				made := made || jsonb_build_object('key', format('pool %s', pool),
					'as', format('the new unallocated pool of %s for %s posts',
								 (SELECT p.division FROM quota.pool p WHERE p.id = pool), m.category));
			END IF;
			INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, note)
			VALUES ('issue', m.category, m.amount, pool, doc_no, note) RETURNING id INTO first_id;
			INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, note)
			VALUES ('allocate', m.category, m.amount, pool, m.from_org, doc_no, note) RETURNING id INTO mid;
		END IF;
	WHEN 'delegate' THEN
		INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, note)
		VALUES ('delegate', m.category, m.amount, m.to_pool, m.from_pool, doc_no, note) RETURNING id INTO mid;
	WHEN 'allocate' THEN
		INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, note)
		VALUES ('recall', m.category, m.amount, m.to_org, m.from_pool, doc_no, note) RETURNING id INTO mid;
	WHEN 'recall' THEN
		INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, note)
		VALUES ('allocate', m.category, m.amount, m.to_pool, m.from_org, doc_no, note) RETURNING id INTO mid;
	WHEN 'transfer' THEN
		INSERT INTO quota.movement (kind, category, amount, from_org, to_org, doc_no, note)
		VALUES ('transfer', m.category, m.amount, m.to_org, m.from_org, doc_no, note) RETURNING id INTO mid;
	WHEN 'lend' THEN
		INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, loan_id, doc_no, note)
		VALUES ('repay', m.category, m.amount, m.to_org, m.from_pool, m.id, doc_no, note) RETURNING id INTO mid;
	WHEN 'repay' THEN
		SELECT lo.expires_on INTO l FROM quota.loan lo WHERE lo.loan_id = m.loan_id;
		INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, expires_on, doc_no, note)
		VALUES ('lend', m.category, m.amount, m.to_pool, m.from_org, l.expires_on, doc_no, note) RETURNING id INTO mid;
	ELSE
		RAISE EXCEPTION 'movement % is of kind %, which has no reverse', movement_id, m.kind USING ERRCODE = '22023';
	END CASE;
	BEGIN
		IF first_id IS NOT NULL THEN
			INSERT INTO quota.correction (correction_id, original_id, step, doc_no, reason)
			VALUES (first_id, movement_id, 1, doc_no, reason);
			INSERT INTO quota.correction (correction_id, original_id, step, doc_no, reason)
			VALUES (mid, movement_id, 2, doc_no, reason);
		ELSE
			INSERT INTO quota.correction (correction_id, original_id, step, doc_no, reason)
			VALUES (mid, movement_id, 1, doc_no, reason);
		END IF;
	EXCEPTION WHEN unique_violation THEN
		RAISE EXCEPTION 'movement % has already been corrected', movement_id USING ERRCODE = '55000',
			DETAIL = '容错纠错: a concurrent transaction corrected it first.';
	END;
	RETURN mid;
EXCEPTION WHEN check_violation THEN
	-- a check of the ledger named the new pool by its id, which the failed call did not keep
	GET STACKED DIAGNOSTICS e_state = RETURNED_SQLSTATE, e_constraint = CONSTRAINT_NAME, e_schema = SCHEMA_NAME,
		e_table = TABLE_NAME, e_message = MESSAGE_TEXT, e_detail = PG_EXCEPTION_DETAIL, e_hint = PG_EXCEPTION_HINT;
	PERFORM quota.raise_renamed(made, e_state, e_constraint, e_schema, e_table, e_message, e_detail, e_hint);
	RAISE;
END
$$;
COMMENT ON FUNCTION quota.correct_movement(bigint, text, text) IS '容错纠错: posts the exact reverse of a movement under a new document, checked by every rule as of today, and links it to the original with the reason; returns the (last) correcting movement; 55000 when already corrected';
