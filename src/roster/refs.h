/*-------------------------------------------------------------------------
 *
 * refs.h
 *	  What both roster triggers (src/roster/entries.c, changes.c) keep per
 *	  referenced category and document of a statement: one hash entry each,
 *	  filled by the statement's one look-up query per table (refs.c).
 *
 * IDENTIFICATION
 *	  src/roster/refs.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_ROSTER_REFS_H
#define QUOTA_ROSTER_REFS_H

#include "utils/hsearch.h"

#define CATEGORY_KEYLEN 64
#define DOC_KEYLEN 256

typedef struct CategoryRef
{
	char		code[CATEGORY_KEYLEN];	/* hash key */
	bool		known;
} CategoryRef;

typedef struct DocRef
{
	char		doc_no[DOC_KEYLEN]; /* hash key */
	bool		known;
	bool		may_authorize;
	bool		central;
	bool		has_division;
	int64		division;
} DocRef;

/* a category's entry (NULL: too long to name any) */
static inline CategoryRef *
roster_category_ref(HTAB *categories, const char *code, bool enter)
{
	bool		found;
	CategoryRef *c;

	if (strlen(code) >= CATEGORY_KEYLEN)
		return NULL;
	c = hash_search(categories, code, enter ? HASH_ENTER : HASH_FIND, &found);
	if (enter && !found)
		c->known = false;
	return c;
}

/* a document's entry (NULL: too long to name any) */
static inline DocRef *
roster_doc_ref(HTAB *docs, const char *doc, bool enter)
{
	bool		found;
	DocRef	   *d;

	if (strlen(doc) >= DOC_KEYLEN)
		return NULL;
	d = hash_search(docs, doc, enter ? HASH_ENTER : HASH_FIND, &found);
	if (enter && !found)
		d->known = false;
	return d;
}

/* the statement's one locking look-up per table (refs.c); the rules-data cache loaded */
extern void roster_lock_categories(HTAB *categories);
extern void roster_lock_docs(HTAB *docs);

#endif							/* QUOTA_ROSTER_REFS_H */
