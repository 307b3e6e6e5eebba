/*-------------------------------------------------------------------------
 *
 * compat.h
 *	  Every PostgreSQL version shim of quota lives here.  Tested on 15;
 *	  guards kept for 13-17.
 *
 * IDENTIFICATION
 *	  src/compat.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_COMPAT_H
#define QUOTA_COMPAT_H

#if PG_VERSION_NUM < 130000
#error "quota needs PostgreSQL 13 or later"
#endif

#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * Soft input errors (PG16+): pg_input_is_valid() works on our types.  Below
 * 16 the same call raises the error.
 */
#if PG_VERSION_NUM >= 160000
#define quota_ereturn(ctx, ...) ereturn((ctx), (Datum) 0, __VA_ARGS__)
#else
#define quota_ereturn(ctx, ...) \
	do { \
		(void) (ctx); \
		ereport(ERROR, __VA_ARGS__); \
		pg_unreachable(); \
	} while (0)
#endif

/* Ownership of an extension (object_ownercheck replaced the per-kind checks in 16). */
#if PG_VERSION_NUM >= 160000
#include "catalog/pg_extension.h"
#define quota_extension_ownercheck(ext, role) object_ownercheck(ExtensionRelationId, (ext), (role))
#else
#define quota_extension_ownercheck(ext, role) pg_extension_ownercheck((ext), (role))
#endif

#endif							/* QUOTA_COMPAT_H */
