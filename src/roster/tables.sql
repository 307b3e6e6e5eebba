-- src/roster/tables.sql: the roster's tables: staff, hiring approvals, leadership and their internal accounts
-- ---------------------------------------------------------------------------
-- The real-name roster (实名制): staff against posts, hiring approvals
-- (用编核准), leadership posts (领导职数), headcount caps (人员总量), talent
-- draws and the return of expired loans.
--
-- The roster triggers are set-wise: one statement trigger sees every row a
-- statement inserted (INSERT ... SELECT and COPY included), groups them per
-- account and applies each group with one conditional UPDATE, in ascending
-- account order.  Functions run as the extension owner (SECURITY DEFINER)
-- with a pinned search_path.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.resident_id_ok(text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_resident_id_ok' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION quota.resident_id_ok(text) IS 'true for a valid 18-character resident id (GB 11643 check character); raises 22P02 with the reason otherwise';

CREATE FUNCTION quota.internal_movement(kind text, category text, amount integer, from_org bigint, from_pool bigint,
										to_org bigint, to_pool bigint, doc_no text, effective_on date, expires_on date,
										loan_id bigint, note text, allow_excess boolean DEFAULT false) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quota_internal_movement' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION quota.internal_movement(text, text, integer, bigint, bigint, bigint, bigint, text, date, date, bigint, text, boolean) IS
	'internal: writes a ledger row that executes an approved rule (talent draw, loan return, 退一收一, merge), exempt from the issuer-authority check only';
REVOKE ALL ON FUNCTION quota.internal_movement(text, text, integer, bigint, bigint, bigint, bigint, text, date, date, bigint, text, boolean) FROM PUBLIC;

CREATE FUNCTION quota.policy_value(p text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT value FROM quota.policy WHERE name = p);
END
$$;
COMMENT ON FUNCTION quota.policy_value(text) IS 'the value of a policy parameter';

CREATE TABLE quota.hiring (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id bigint NOT NULL REFERENCES quota.org (id),
	category text NOT NULL REFERENCES quota.category (code) CHECK (category <> 'filed'),
	slots integer NOT NULL CHECK (slots > 0),
	doc_no text NOT NULL REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED,
	issued_on date NOT NULL DEFAULT CURRENT_DATE,
	valid_until date
);
CREATE INDEX hiring_org_idx ON quota.hiring (org_id);
COMMENT ON TABLE quota.hiring IS '用编核准: hiring approvals; issuing one reserves vacancies, filling consumes them, expiry releases them';
COMMENT ON COLUMN quota.hiring.id IS 'identity';
COMMENT ON COLUMN quota.hiring.org_id IS 'the hiring org';
COMMENT ON COLUMN quota.hiring.category IS 'category of the posts to fill';
COMMENT ON COLUMN quota.hiring.slots IS 'vacancies reserved';
COMMENT ON COLUMN quota.hiring.doc_no IS 'the approval document';
COMMENT ON COLUMN quota.hiring.issued_on IS 'date issued';
COMMENT ON COLUMN quota.hiring.valid_until IS 'last valid day; defaults to issued_on + policy hiring_approval_valid_days';

CREATE TABLE quota.hiring_account (
	hiring_id bigint PRIMARY KEY REFERENCES quota.hiring (id),
	used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
	released boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE quota.hiring_account IS 'internal: slots used of each hiring approval and whether its reservation was released';
COMMENT ON COLUMN quota.hiring_account.hiring_id IS 'the hiring approval';
COMMENT ON COLUMN quota.hiring_account.used IS 'slots filled';
COMMENT ON COLUMN quota.hiring_account.released IS 'expired and its unused slots released';

-- No row-level foreign keys: their after-trigger queue grows with every row
-- a statement writes (a national COPY would hold gigabytes of it).  The
-- statement triggers check the references set-wise instead (every org,
-- category, document and rank named, locked FOR KEY SHARE once per
-- statement, an unknown one refused with its rule at once; an unknown rank
-- by the column's CHECK), and the referenced tables refuse to delete or
-- re-key what the roster names (quota.roster_kept; approvals and hiring
-- approvals are kept anyway).
CREATE TABLE quota.staff (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	person_id text NOT NULL CONSTRAINT staff_person_id_valid CHECK (quota.resident_id_ok(person_id)),
	name text NOT NULL,
	org_id bigint NOT NULL,
	category text NOT NULL,
	post text NOT NULL DEFAULT 'staff' CHECK (post IN ('staff', 'chief', 'deputy')),
	post_rank text CHECK (post_rank IS NULL OR quota.rank_level(post_rank) IS NOT NULL),
	talent_level text,
	hiring_id bigint,
	entered_on date NOT NULL,
	entry_doc text NOT NULL,
	left_on date,
	left_reason text,
	change_doc text,
	CONSTRAINT quota_movement_shape CHECK (left_on >= entered_on)
);
CREATE INDEX staff_org_active_idx ON quota.staff (org_id, category) WHERE left_on IS NULL;
CREATE INDEX staff_person_idx ON quota.staff (person_id);
COMMENT ON TABLE quota.staff IS '实名制 roster: people against posts; a row with left_on NULL is active';
COMMENT ON COLUMN quota.staff.id IS 'identity';
COMMENT ON COLUMN quota.staff.person_id IS '18-character resident id (公民身份号码), check character validated';
COMMENT ON COLUMN quota.staff.name IS 'name';
COMMENT ON COLUMN quota.staff.org_id IS 'the org whose post the person holds';
COMMENT ON COLUMN quota.staff.category IS 'category of the post held, or filed (备案制, no post)';
COMMENT ON COLUMN quota.staff.post IS 'staff, chief or deputy (chief and deputy count against quota.leadership)';
COMMENT ON COLUMN quota.staff.post_rank IS 'rank of a leader post (职级), not above the org''s rank';
COMMENT ON COLUMN quota.staff.talent_level IS 'high-level talent level; such a hire into a full unit draws a post from the talent pool';
COMMENT ON COLUMN quota.staff.hiring_id IS 'the hiring approval the entry fills';
COMMENT ON COLUMN quota.staff.entered_on IS 'date of entry (入编)';
COMMENT ON COLUMN quota.staff.entry_doc IS 'the document of the entry';
COMMENT ON COLUMN quota.staff.left_on IS 'date of leaving (出编); setting it frees the post';
COMMENT ON COLUMN quota.staff.left_reason IS 'why the person left';
COMMENT ON COLUMN quota.staff.change_doc IS 'the document of the latest change (move, category or post change, departure); an UPDATE that changes org_id, category, post or person_id sets it (quota_authority otherwise)';
COMMENT ON CONSTRAINT quota_movement_shape ON quota.staff IS 'left_on not before entered_on (quota_movement_shape)';

-- 实名制 change records: the roster's own ledger.  The roster triggers write
-- one row per change; nobody updates, deletes or truncates it (the owner
-- neither).  Values are copies of the checked roster row, so no foreign keys.
CREATE TABLE quota.staff_event (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	staff_id bigint NOT NULL,
	person_id text NOT NULL,
	kind text NOT NULL CHECK (kind IN ('entry', 'move', 'category', 'post', 'person', 'leave')),
	org_id bigint NOT NULL,
	category text NOT NULL,
	post text NOT NULL,
	on_date date NOT NULL,
	doc_no text,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER,
	reason text,
	CHECK (doc_no IS NOT NULL OR kind = 'leave')
);
CREATE INDEX staff_event_staff_idx ON quota.staff_event (staff_id, on_date, id);
CREATE INDEX staff_event_date_idx ON quota.staff_event (on_date);
COMMENT ON TABLE quota.staff_event IS '实名制 change records: every entry, move (调动), category or post change and departure of a roster row, append-only for every role';
COMMENT ON COLUMN quota.staff_event.id IS 'identity (order of recording)';
COMMENT ON COLUMN quota.staff_event.staff_id IS 'the roster row (quota.staff.id)';
COMMENT ON COLUMN quota.staff_event.person_id IS 'resident id of the person, as of the change';
COMMENT ON COLUMN quota.staff_event.kind IS 'entry (入编), move (调动, another org), category, post (任免), person (resident id corrected), leave (出编)';
COMMENT ON COLUMN quota.staff_event.org_id IS 'org held after the change (for leave: the org left)';
COMMENT ON COLUMN quota.staff_event.category IS 'category held after the change (for leave: the category left)';
COMMENT ON COLUMN quota.staff_event.post IS 'post held after the change (for leave: the post left)';
COMMENT ON COLUMN quota.staff_event.on_date IS 'legal date of the change: entered_on, left_on, or the day a move was recorded';
COMMENT ON COLUMN quota.staff_event.doc_no IS 'the document of the change (entry_doc, change_doc); NULL only for a departure named by no document';
COMMENT ON COLUMN quota.staff_event.recorded_at IS 'when the change was recorded';
COMMENT ON COLUMN quota.staff_event.recorded_by IS 'who recorded the change';
COMMENT ON COLUMN quota.staff_event.reason IS 'why the person left (left_reason: 调出, 退休, 辞职 …), for kind leave';

CREATE TABLE quota.person_post (
	person_id text COLLATE pg_catalog."C" PRIMARY KEY,	-- byte order: an internal key, compared only for equality
	staff_id bigint NOT NULL
);
COMMENT ON TABLE quota.person_post IS 'internal: the one active post of each person (一编一人); its key serializes concurrent entries of one person';
COMMENT ON COLUMN quota.person_post.person_id IS 'resident id';
COMMENT ON COLUMN quota.person_post.staff_id IS 'the active roster row';

CREATE TABLE quota.talent_draw (
	staff_id bigint PRIMARY KEY REFERENCES quota.staff (id),
	loan_id bigint NOT NULL REFERENCES quota.movement (id)
);
COMMENT ON TABLE quota.talent_draw IS 'internal: the talent-pool loan drawn for a talent hire, returned when the person leaves or moves';
COMMENT ON COLUMN quota.talent_draw.staff_id IS 'the talent hire';
COMMENT ON COLUMN quota.talent_draw.loan_id IS 'the lend movement of the draw';

CREATE TABLE quota.staff_pass (
	staff_id bigint PRIMARY KEY,
	allow_excess boolean NOT NULL DEFAULT false,
	arriving boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE quota.staff_pass IS 'internal: people moving together with their posts inside quota.transfer, quota.move_duty or quota.merge_orgs (rows live only inside those calls)';
COMMENT ON COLUMN quota.staff_pass.staff_id IS 'the moving roster row';
COMMENT ON COLUMN quota.staff_pass.allow_excess IS 'reform-generated excess allowed (merges)';
COMMENT ON COLUMN quota.staff_pass.arriving IS 'the person takes a seat at the receiver only after the posts have moved (quota.seat_arrivals)';

CREATE TABLE quota.staff_fix (
	staff_id bigint PRIMARY KEY,
	on_date date NOT NULL,
	own boolean NOT NULL
);
COMMENT ON TABLE quota.staff_fix IS 'internal: a roster row being corrected inside quota.correct_staff_event (rows live only inside that call)';
COMMENT ON COLUMN quota.staff_fix.staff_id IS 'the roster row corrected';
COMMENT ON COLUMN quota.staff_fix.on_date IS 'the date of the change undone, which the correcting record carries';
COMMENT ON COLUMN quota.staff_fix.own IS 'the correction does its own accounting (an entry or departure undone); otherwise the change trigger checks it';

CREATE TABLE quota.leadership (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	post text NOT NULL CHECK (post IN ('chief', 'deputy')),
	approved integer NOT NULL CHECK (approved >= 0),
	-- deferred: quota.document_named reports a missing approval as quota_authority
	doc_no text NOT NULL REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (org_id, post)
);
COMMENT ON TABLE quota.leadership IS '领导职数: approved chief and deputy posts of an org';
COMMENT ON COLUMN quota.leadership.org_id IS 'the org';
COMMENT ON COLUMN quota.leadership.post IS 'chief (正职) or deputy (副职)';
COMMENT ON COLUMN quota.leadership.approved IS 'approved number';
COMMENT ON COLUMN quota.leadership.doc_no IS 'the approval document';

CREATE TABLE quota.leader_account (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	post text NOT NULL,
	approved integer NOT NULL DEFAULT 0,
	filled integer NOT NULL DEFAULT 0 CHECK (filled >= 0),
	PRIMARY KEY (org_id, post)
);
COMMENT ON TABLE quota.leader_account IS 'internal: approved and filled leadership posts per org, kept by triggers';
COMMENT ON COLUMN quota.leader_account.org_id IS 'the org';
COMMENT ON COLUMN quota.leader_account.post IS 'chief or deputy';
COMMENT ON COLUMN quota.leader_account.approved IS 'copy of quota.leadership.approved';
COMMENT ON COLUMN quota.leader_account.filled IS 'active staff in the post';

REVOKE ALL ON quota.staff_event, quota.staff_fix, quota.hiring_account, quota.person_post, quota.talent_draw, quota.staff_pass, quota.leader_account FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('quota.hiring', '');
SELECT pg_catalog.pg_extension_config_dump('quota.hiring_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.staff', '');
SELECT pg_catalog.pg_extension_config_dump('quota.staff_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.staff_event', '');
SELECT pg_catalog.pg_extension_config_dump('quota.staff_event_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.leadership', '');
-- the internal accounts are dumped too, so a restore is an exact copy of the
-- books (loan expiry, hiring slots, talent draws included) rather than a
-- replay of the ledger against today's rules; see quota.restoring()
SELECT pg_catalog.pg_extension_config_dump('quota.pool_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.jurisdiction_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.loan', '');
SELECT pg_catalog.pg_extension_config_dump('quota.leader_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.hiring_account', '');
SELECT pg_catalog.pg_extension_config_dump('quota.person_post', '');
SELECT pg_catalog.pg_extension_config_dump('quota.talent_draw', '');

