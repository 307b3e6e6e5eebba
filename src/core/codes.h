/*-------------------------------------------------------------------------
 *
 * codes.h
 *	  Pure C core of quota: parsers and check characters for the codes the
 *	  staffing office works with.  No PostgreSQL headers: this file and
 *	  codes.c are unit-tested and fuzzed on their own.
 *
 *	  - 统一社会信用代码 (USCC, GB 32100-2015) with the embedded
 *	    organization code (GB 11714);
 *	  - 行政区划代码 (administrative division codes, levels 1-5);
 *	  - 公民身份号码 (18-character resident id, GB 11643).
 *
 * IDENTIFICATION
 *	  src/core/codes.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef QUOTA_CORE_CODES_H
#define QUOTA_CORE_CODES_H

#include <stddef.h>
#include <stdint.h>

#define QC_USCC_LEN			18
#define QC_RESIDENT_ID_LEN	18
#define QC_DIVISION_DIGITS	12
#define QC_DIVISION_MAX		999999999999LL

/* Why a parse failed; codes_error_text() gives the English sentence. */
typedef enum qc_errkind
{
	QC_OK = 0,
	QC_ERR_LENGTH,				/* wrong number of characters */
	QC_ERR_CHAR,				/* a character outside the alphabet */
	QC_ERR_DIGIT,				/* a position that must be a digit is not */
	QC_ERR_CHECK,				/* wrong check character */
	QC_ERR_ZERO_PARENT,			/* a level whose parent digits are zero */
	QC_ERR_DATE					/* resident id: impossible birth date */
} qc_errkind;

typedef struct qc_error
{
	qc_errkind	kind;
	int			position;		/* 1-based position of the offending char, or 0 */
	int			length;			/* the length that was seen */
	char		expected;		/* the expected check character, for QC_ERR_CHECK */
	char		found;			/* the character that was found there */
} qc_error;

/* USCC */
extern int	qc_uscc_parse(const char *in, size_t len, char out[QC_USCC_LEN],
						  qc_error *err);
extern char qc_uscc_check_char(const char *first17);
extern int	qc_uscc_value(char c);
extern int	qc_orgcode_ok(const char *code9);

/* Division codes, held as a 12-digit integer (right-padded with zeros). */
extern int	qc_division_parse(const char *in, size_t len, int64_t *out,
							  qc_error *err);
extern int	qc_division_valid(int64_t code);
extern int	qc_division_level(int64_t code);
extern int64_t qc_division_parent(int64_t code);
extern int	qc_division_format(int64_t code, char *buf, size_t buflen);
extern void qc_division_subtree(int64_t code, int64_t *lo, int64_t *hi);
extern int	qc_division_contains(int64_t ancestor, int64_t descendant);

/* Resident id (GB 11643) */
extern int	qc_resident_id_check(const char *in, size_t len, qc_error *err);
extern char qc_resident_id_check_char(const char *first17);

/* A static English description of err->kind. */
extern const char *qc_error_text(const qc_error *err);

#endif							/* QUOTA_CORE_CODES_H */
