/*-------------------------------------------------------------------------
 *
 * seats.h
 *	  The roster's seat accounting (src/roster/seats.c): occupy, leader
 *	  posts, talent hires -- one implementation each, called inside the
 *	  caller's SPI connection.  rel: the relation whose trigger reports a
 *	  rule (quota.staff), or NULL to report through quota.raise_rule.
 *
 * IDENTIFICATION
 *	  src/roster/seats.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_SEATS_H
#define QUOTA_SEATS_H

#include "utils/date.h"
#include "utils/rel.h"

/* what seating a talent hire needs of its roster row */
typedef struct QuotaTalentHire
{
	int64		id;
	const char *name;
	int64		org_id;
	const char *category;
	bool		has_hiring;
	DateADT		entered_on;
	const char *entry_doc;
} QuotaTalentHire;

extern void quota_seat_occupy(Relation rel, int64 org_id, const char *category,
							  int32 n, int32 k, bool check);
extern void quota_seat_lead(Relation rel, int64 org_id, const char *post,
							int32 n, bool check);
extern void quota_seat_talent(Relation rel, const QuotaTalentHire *hire,
							  bool hiring_ok);

#endif							/* QUOTA_SEATS_H */
