-- tools/schema-signature.sql: a text description of every object of the
-- extension quota, to compare two installs (split script vs one script, an
-- upgraded database vs a fresh install).  pg_dump --schema-only shows an
-- extension as one CREATE EXTENSION line, so the members are described here
-- from the catalogs: definitions, columns, constraints, indexes, triggers,
-- policies, grants and comments, sorted, without OIDs.
\pset format unaligned
\pset tuples_only on
WITH members AS (
	SELECT d.classid, d.objid, d.objsubid
	FROM pg_catalog.pg_depend d
	JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
	WHERE e.extname = 'quota' AND d.deptype = 'e'
), ident AS (
	SELECT m.*, (pg_catalog.pg_identify_object(m.classid, m.objid, m.objsubid)).*
	FROM members m
)
SELECT line FROM (
	-- every member, with its comment
	SELECT i.type || ' ' || i.identity || ' -- ' ||
		COALESCE(pg_catalog.obj_description(i.objid, (SELECT relname FROM pg_catalog.pg_class WHERE oid = i.classid)), '') AS line
	FROM ident i
	UNION ALL
	-- functions: the whole definition and ACL
	SELECT 'fn ' || i.identity || E'\n' || pg_catalog.pg_get_functiondef(p.oid) || ' acl=' || COALESCE(p.proacl::text, '')
	FROM ident i JOIN pg_catalog.pg_proc p ON p.oid = i.objid AND i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
	WHERE p.prokind <> 'a'
	UNION ALL
	-- relations: kind, options, ACL, RLS
	SELECT 'rel ' || i.identity || ' kind=' || c.relkind::text || ' opts=' || COALESCE(c.reloptions::text, '') ||
		' acl=' || COALESCE(c.relacl::text, '') || ' rls=' || c.relrowsecurity::text || '/' || c.relforcerowsecurity::text
	FROM ident i JOIN pg_catalog.pg_class c ON c.oid = i.objid AND i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	UNION ALL
	-- columns, in order, with types, defaults, identity and comments
	SELECT 'col ' || i.identity || '.' || a.attnum || ' ' || a.attname || ' ' ||
		pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END ||
		' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text ||
		' default=' || COALESCE(pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), '') ||
		' acl=' || COALESCE(a.attacl::text, '') || ' -- ' || COALESCE(pg_catalog.col_description(c.oid, a.attnum), '')
	FROM ident i JOIN pg_catalog.pg_class c ON c.oid = i.objid AND i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
	UNION ALL
	-- views
	SELECT 'view ' || i.identity || E'\n' || pg_catalog.pg_get_viewdef(c.oid)
	FROM ident i JOIN pg_catalog.pg_class c ON c.oid = i.objid AND i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	WHERE c.relkind IN ('v', 'm')
	UNION ALL
	-- constraints, indexes, triggers and policies of member tables
	SELECT 'con ' || i.identity || ' ' || k.conname || ' ' || pg_catalog.pg_get_constraintdef(k.oid) ||
		' -- ' || COALESCE(pg_catalog.obj_description(k.oid, 'pg_constraint'), '')
	FROM ident i JOIN pg_catalog.pg_constraint k ON k.conrelid = i.objid AND i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	UNION ALL
	SELECT 'idx ' || pg_catalog.pg_get_indexdef(x.indexrelid)
	FROM ident i JOIN pg_catalog.pg_index x ON x.indrelid = i.objid AND i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	UNION ALL
	SELECT 'trg ' || pg_catalog.pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text ||
		' -- ' || COALESCE(pg_catalog.obj_description(t.oid, 'pg_trigger'), '')
	FROM ident i JOIN pg_catalog.pg_trigger t ON t.tgrelid = i.objid AND i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	WHERE NOT t.tgisinternal
	UNION ALL
	SELECT 'pol ' || i.identity || ' ' || p.polname || ' cmd=' || p.polcmd::text || ' perm=' || p.polpermissive::text ||
		' roles=' || p.polroles::text || ' using=' || COALESCE(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') ||
		' check=' || COALESCE(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '')
	FROM ident i JOIN pg_catalog.pg_policy p ON p.polrelid = i.objid AND i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	UNION ALL
	-- the schema's ACL and the extension's dump configuration
	SELECT 'schema quota acl=' || COALESCE(n.nspacl::text, '') FROM pg_catalog.pg_namespace n WHERE n.nspname = 'quota'
	UNION ALL
	SELECT 'ext ' || e.extname || ' config=' || COALESCE((SELECT pg_catalog.string_agg(c::pg_catalog.regclass::text, ',' ORDER BY c::pg_catalog.regclass::text) FROM pg_catalog.unnest(e.extconfig) c), '') ||
		' cond=' || COALESCE(e.extcondition::text, '')
	FROM pg_catalog.pg_extension e WHERE e.extname = 'quota'
) s
ORDER BY line COLLATE "C";
