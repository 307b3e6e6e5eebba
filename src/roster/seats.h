/*-------------------------------------------------------------------------
 *
 * seats.h
 *	  The roster's seat accounting (src/roster/seats.c): occupy, leader
 *	  posts, talent hires, the release of a leaver's seat, lapsed hiring
 *	  reservations -- one implementation each, called inside the caller's
 *	  SPI connection.  rel: the relation whose trigger reports a
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

/* what freeing the seat of a leaving (or moving) person needs of its row */
typedef struct QuotaLeaver
{
	int64		id;
	const char *name;
	int64		org_id;
	const char *category;
	const char *post;			/* its leader post is freed too; NULL: the
								 * leader account is the caller's */
	bool		may_draw;		/* may hold a talent draw (quota.talent_draw) */
	const char *entry_doc;
	int			recall;			/* recall_on_exit of its org (退一收一): 1, 0,
								 * or -1 to look it up */
} QuotaLeaver;

extern void quota_seat_occupy(Relation rel, int64 org_id, const char *category,
							  int32 n, int32 k, bool check);
extern void quota_seat_lead(Relation rel, int64 org_id, const char *post,
							int32 n, bool check);
extern void quota_seat_talent(Relation rel, const QuotaTalentHire *hire,
							  bool hiring_ok);
extern void quota_seat_release(const QuotaLeaver *leaver, DateADT on_date,
							   bool moving);
extern int32 quota_seat_expired_borrowed(int64 org_id, const char *category,
										 bool read_only);
extern int32 quota_seat_lapse_hiring(int64 org_id, const char *category);
extern void quota_seat_arrive(void);

#endif							/* QUOTA_SEATS_H */
