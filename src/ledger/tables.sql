-- src/ledger/tables.sql: the ledger's tables: jurisdictions, approvals, orgs, pools, movements, caps and internal accounts
-- ---------------------------------------------------------------------------
-- The establishment ledger: jurisdictions, approvals, orgs, pools, caps and
-- the append-only movement ledger, with the internal balance accounts that
-- the C triggers keep (O(1) per change).
-- ---------------------------------------------------------------------------

CREATE TABLE quota.jurisdiction (
	division quota.division PRIMARY KEY,
	name text NOT NULL
);
COMMENT ON TABLE quota.jurisdiction IS 'a region node (省/市/县/乡); one whose parent code is not registered is a root';
COMMENT ON COLUMN quota.jurisdiction.division IS '行政区划代码 of the region';
COMMENT ON COLUMN quota.jurisdiction.name IS 'name, e.g. 滨州市';

CREATE TABLE quota.approval (
	doc_no text PRIMARY KEY CHECK (pg_catalog.octet_length(doc_no) < 256),	-- a 文号 (also a C hash key)
	issuer text,
	issuer_kind text NOT NULL REFERENCES quota.authority (issuer_kind),
	issuer_division quota.division,
	issued_on date,
	title text
);
COMMENT ON TABLE quota.approval IS 'approval documents (文号); every movement, merge and roster entry names one';
COMMENT ON COLUMN quota.approval.doc_no IS 'document number, e.g. 滨编〔2024〕12号';
COMMENT ON COLUMN quota.approval.issuer IS 'issuing body, e.g. 滨州市机构编制委员会';
COMMENT ON COLUMN quota.approval.issuer_kind IS 'kind of issuer, see quota.authority';
COMMENT ON COLUMN quota.approval.issuer_division IS 'division of the issuer; NULL exactly for central issuers (quota.authority.central)';
COMMENT ON COLUMN quota.approval.issued_on IS 'date of issue';
COMMENT ON COLUMN quota.approval.title IS 'title of the document';

CREATE TABLE quota.org (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name text NOT NULL,
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division),
	kind text NOT NULL REFERENCES quota.org_kind (code),
	uscc quota.uscc UNIQUE,
	sector text,
	rank text CHECK (rank IS NULL OR quota.rank_level(rank) IS NOT NULL) REFERENCES quota.rank (code),
	funding text CHECK (funding IN ('全额', '差额', '自收自支')),
	parent_id bigint REFERENCES quota.org (id),
	internal_units_approved integer CHECK (internal_units_approved >= 0),
	headcount_cap integer CHECK (headcount_cap >= 0),
	recall_on_exit boolean NOT NULL DEFAULT false,
	status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'dissolved')),
	established_on date,
	closed_on date
);
CREATE INDEX org_division_idx ON quota.org (division);
CREATE INDEX org_parent_idx ON quota.org (parent_id);
COMMENT ON TABLE quota.org IS 'organizations (机关、事业单位): accounts that hold posts';
COMMENT ON COLUMN quota.org.id IS 'identity';
COMMENT ON COLUMN quota.org.name IS 'name';
COMMENT ON COLUMN quota.org.division IS 'jurisdiction the org belongs to';
COMMENT ON COLUMN quota.org.kind IS 'org kind, decides usable categories (R1.2)';
COMMENT ON COLUMN quota.org.uscc IS '统一社会信用代码; a mismatch with division or kind is a warning and a violation row';
COMMENT ON COLUMN quota.org.sector IS 'sector for standards, e.g. school_junior, hospital';
COMMENT ON COLUMN quota.org.rank IS '机构规格, e.g. 正处 (a rank of quota.rank)';
COMMENT ON COLUMN quota.org.funding IS 'funding form of an institution: 全额/差额/自收自支';
COMMENT ON COLUMN quota.org.parent_id IS 'parent org (e.g. the department an institution belongs to)';
COMMENT ON COLUMN quota.org.internal_units_approved IS 'approved number of internal units (内设机构)';
COMMENT ON COLUMN quota.org.headcount_cap IS '人员总量: cap on 编制内 + filed staff (R6.5)';
COMMENT ON COLUMN quota.org.recall_on_exit IS '退一收一: a leaver''s own post is retired';
COMMENT ON COLUMN quota.org.status IS 'active, merged or dissolved; only active orgs take movements and hires';
COMMENT ON COLUMN quota.org.established_on IS 'date established';
COMMENT ON COLUMN quota.org.closed_on IS 'date merged or dissolved';

CREATE TABLE quota.pool (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division),
	kind text NOT NULL CHECK (kind IN ('unallocated', 'reserve', 'turnover', 'talent')),
	category text NOT NULL REFERENCES quota.category (code) CHECK (category <> 'filed'),
	UNIQUE (division, kind, category)
);
COMMENT ON TABLE quota.pool IS 'a jurisdiction''s pools of posts: unallocated (余量), reserve (机动编制), turnover (周转池), talent (人才编制蓄水池); numbers in quota.pool_balance';
COMMENT ON COLUMN quota.pool.id IS 'identity';
COMMENT ON COLUMN quota.pool.division IS 'jurisdiction holding the pool';
COMMENT ON COLUMN quota.pool.kind IS 'unallocated, reserve, turnover or talent';
COMMENT ON COLUMN quota.pool.category IS 'category of every post in the pool';

CREATE TABLE quota.movement (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind text NOT NULL,
	-- no row-level foreign keys: the statement trigger (src/ledger/movement*.c)
	-- reports an unknown org, pool or loan as quota_movement_shape, an unknown
	-- category as quota_category_mismatch and a missing approval as
	-- quota_authority, at the statement, and holds the org, pool and category
	-- rows FOR KEY SHARE and the approval FOR SHARE until commit, as a key
	-- would; deleting or re-keying a row the ledger names is refused by that
	-- table's guard (quota.movement_names, quota.approval_in_use: latest
	-- snapshot), the ids are identities and the ledger's own rows immutable
	category text NOT NULL,
	amount integer NOT NULL CONSTRAINT quota_movement_shape CHECK (amount > 0),
	from_org bigint,
	from_pool bigint,
	to_org bigint,
	to_pool bigint,
	doc_no text NOT NULL,
	effective_on date NOT NULL DEFAULT CURRENT_DATE,
	expires_on date,
	loan_id bigint,
	request_id text UNIQUE,
	note text,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER
);
CREATE INDEX movement_from_org_idx ON quota.movement (from_org) WHERE from_org IS NOT NULL;
CREATE INDEX movement_to_org_idx ON quota.movement (to_org) WHERE to_org IS NOT NULL;
CREATE INDEX movement_loan_idx ON quota.movement (loan_id) WHERE loan_id IS NOT NULL;
-- a backdated movement reads the history of its source pool
CREATE INDEX movement_from_pool_idx ON quota.movement (from_pool) WHERE from_pool IS NOT NULL;
CREATE INDEX movement_to_pool_idx ON quota.movement (to_pool) WHERE to_pool IS NOT NULL;
COMMENT ON TABLE quota.movement IS 'the ledger (append-only): every post moves between accounts only by a row here, tied to an approval';
COMMENT ON COLUMN quota.movement.id IS 'identity';
COMMENT ON COLUMN quota.movement.kind IS 'issue, retire, delegate, allocate, recall, transfer, lend or repay';
COMMENT ON COLUMN quota.movement.category IS 'category of the posts moved (same on both sides)';
COMMENT ON COLUMN quota.movement.amount IS 'number of posts, > 0';
COMMENT ON COLUMN quota.movement.from_org IS 'source org';
COMMENT ON COLUMN quota.movement.from_pool IS 'source pool';
COMMENT ON COLUMN quota.movement.to_org IS 'target org';
COMMENT ON COLUMN quota.movement.to_pool IS 'target pool';
COMMENT ON COLUMN quota.movement.doc_no IS 'the approval document that authorizes the movement';
COMMENT ON COLUMN quota.movement.effective_on IS 'legal date (quota.establishment_at); not later than the day it is recorded';
COMMENT ON COLUMN quota.movement.expires_on IS 'end of a loan (lend only); after it the loan is expired';
COMMENT ON COLUMN quota.movement.loan_id IS 'the lend movement a repay returns posts of';
COMMENT ON COLUMN quota.movement.request_id IS 'client idempotency key: retry with ON CONFLICT (request_id) DO NOTHING';
COMMENT ON COLUMN quota.movement.note IS 'free text; movements written by the extension say why';
COMMENT ON COLUMN quota.movement.recorded_at IS 'when the row was recorded';
COMMENT ON COLUMN quota.movement.recorded_by IS 'who recorded the row';

CREATE TABLE quota.cap (
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division),
	category text NOT NULL REFERENCES quota.category (code) CHECK (category <> 'filed'),
	scope text NOT NULL CHECK (scope IN ('level', 'subtree')),
	ceiling integer NOT NULL CHECK (ceiling >= 0),
	-- deferred: quota.document_named reports a missing approval as quota_authority
	doc_no text NOT NULL REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (division, category, scope)
);
COMMENT ON TABLE quota.cap IS '控制数: ceilings on the posts held at a jurisdiction (level) or in its whole subtree';
COMMENT ON COLUMN quota.cap.division IS 'the jurisdiction';
COMMENT ON COLUMN quota.cap.category IS 'the category';
COMMENT ON COLUMN quota.cap.scope IS 'level: its own pools and orgs; subtree: the whole subtree';
COMMENT ON COLUMN quota.cap.ceiling IS 'the ceiling';
COMMENT ON COLUMN quota.cap.doc_no IS 'the document that sets the ceiling';

-- Internal accounts, kept by the C triggers.  Never written by users.

CREATE TABLE quota.pool_account (
	pool_id bigint PRIMARY KEY REFERENCES quota.pool (id),
	balance integer NOT NULL DEFAULT 0 CONSTRAINT quota_insufficient CHECK (balance >= 0),
	lent integer NOT NULL DEFAULT 0 CHECK (lent >= 0)
);
COMMENT ON TABLE quota.pool_account IS 'internal: posts in each pool (balance) and out on loan (lent), kept by the ledger triggers';
COMMENT ON COLUMN quota.pool_account.pool_id IS 'the pool';
COMMENT ON COLUMN quota.pool_account.balance IS 'posts in the pool, free to move';
COMMENT ON COLUMN quota.pool_account.lent IS 'posts of this pool out on loan';

CREATE TABLE quota.org_account (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	category text NOT NULL REFERENCES quota.category (code),
	approved integer NOT NULL DEFAULT 0 CHECK (approved >= 0),
	borrowed integer NOT NULL DEFAULT 0 CHECK (borrowed >= 0),
	occupied integer NOT NULL DEFAULT 0 CHECK (occupied >= 0),
	reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
	PRIMARY KEY (org_id, category)
);
COMMENT ON TABLE quota.org_account IS 'internal: per org and category, approved (own) and borrowed posts, occupied and reserved seats, kept by triggers';
COMMENT ON COLUMN quota.org_account.org_id IS 'the org';
COMMENT ON COLUMN quota.org_account.category IS 'the category';
COMMENT ON COLUMN quota.org_account.approved IS 'own posts (核定编制)';
COMMENT ON COLUMN quota.org_account.borrowed IS 'posts on loan from a pool';
COMMENT ON COLUMN quota.org_account.occupied IS 'active staff (实有人员)';
COMMENT ON COLUMN quota.org_account.reserved IS 'vacancies reserved by open hiring approvals';

CREATE TABLE quota.jurisdiction_account (
	division quota.division NOT NULL REFERENCES quota.jurisdiction (division) ON DELETE CASCADE,
	category text NOT NULL REFERENCES quota.category (code),
	level_held integer NOT NULL DEFAULT 0 CHECK (level_held >= 0),
	-- kept only where a subtree cap is (NULL elsewhere): the subtree figures
	-- of quota.jurisdiction_status are rolled up from the level figures
	subtree_held integer CHECK (subtree_held >= 0),
	level_ceiling integer,
	subtree_ceiling integer,
	PRIMARY KEY (division, category),
	CONSTRAINT quota_cap_exceeded CHECK (level_held <= level_ceiling AND subtree_held <= subtree_ceiling)
);
COMMENT ON TABLE quota.jurisdiction_account IS 'internal: posts held at each jurisdiction, and in its subtree where a subtree cap is, with the ceilings of quota.cap';
COMMENT ON COLUMN quota.jurisdiction_account.division IS 'the jurisdiction';
COMMENT ON COLUMN quota.jurisdiction_account.category IS 'the category';
COMMENT ON COLUMN quota.jurisdiction_account.level_held IS 'posts in its own pools (including lent) and orgs (approved)';
COMMENT ON COLUMN quota.jurisdiction_account.subtree_held IS 'the same over the whole subtree, kept only while a subtree cap exists (NULL otherwise; quota.jurisdiction_status rolls it up from level_held)';
COMMENT ON COLUMN quota.jurisdiction_account.level_ceiling IS 'ceiling of the level cap, if any';
COMMENT ON COLUMN quota.jurisdiction_account.subtree_ceiling IS 'ceiling of the subtree cap, if any';

CREATE TABLE quota.loan (
	loan_id bigint PRIMARY KEY REFERENCES quota.movement (id),
	pool_id bigint NOT NULL REFERENCES quota.pool (id),
	org_id bigint NOT NULL REFERENCES quota.org (id),
	category text NOT NULL,
	amount integer NOT NULL,
	outstanding integer NOT NULL CHECK (outstanding >= 0 AND outstanding <= amount),
	expires_on date NOT NULL,
	expired boolean NOT NULL DEFAULT false
);
CREATE INDEX loan_org_idx ON quota.loan (org_id) WHERE outstanding > 0;
COMMENT ON TABLE quota.loan IS 'internal: one row per lend movement, with what is still outstanding and whether it expired';
COMMENT ON COLUMN quota.loan.loan_id IS 'the lend movement';
COMMENT ON COLUMN quota.loan.pool_id IS 'lending pool';
COMMENT ON COLUMN quota.loan.org_id IS 'borrowing org';
COMMENT ON COLUMN quota.loan.category IS 'category';
COMMENT ON COLUMN quota.loan.amount IS 'posts lent';
COMMENT ON COLUMN quota.loan.outstanding IS 'posts not yet repaid';
COMMENT ON COLUMN quota.loan.expires_on IS 'last day of the term';
COMMENT ON COLUMN quota.loan.expired IS 'settled as expired by quota.settle_loans (or past expires_on)';

REVOKE ALL ON quota.pool_account, quota.org_account, quota.jurisdiction_account, quota.loan FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('quota.jurisdiction', '');
SELECT pg_catalog.pg_extension_config_dump('quota.approval', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org', '');
SELECT pg_catalog.pg_extension_config_dump('quota.org_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.pool', '');
SELECT pg_catalog.pg_extension_config_dump('quota.pool_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.movement', '');
SELECT pg_catalog.pg_extension_config_dump('quota.movement_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('quota.cap', '');
