/*-------------------------------------------------------------------------
 *
 * refcache.h
 *	  The roster's per-backend cache of the rules data (refcache.c).
 *
 * IDENTIFICATION
 *	  src/roster/refcache.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_REFCACHE_H
#define QUOTA_REFCACHE_H

extern void quota_refcache_load(void);
extern bool quota_refcache_usable(const char *category, const char *org_kind);
extern bool quota_refcache_authority(const char *issuer_kind, bool *central, bool *may_authorize);
extern bool quota_refcache_hiring_required(void);

#endif							/* QUOTA_REFCACHE_H */
