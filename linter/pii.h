/*
 * pii.h - finding personal data in page text: resident ID numbers and
 * mainland mobile phone numbers that were published unmasked.
 *
 * The scanner is pure (no allocation, no state, linear time) and works
 * on UTF-8 text that may hold anything.  Digits are ASCII 0-9 or
 * full-width ０-９ (U+FF10..U+FF19), in any mix.
 *
 * - An ID number (居民身份证号码, GB 11643) is 17 digits and a check
 *   character (a digit or X/x, also full-width), standing alone: not
 *   preceded or followed by another digit, and not followed by a letter.
 *   It counts only when it is plausible: the first digit is 1-8 (the
 *   province part of the region code), digits 7-14 are a real birth date
 *   between 1900 and 2099, and the check character is right by ISO 7064
 *   MOD 11-2.
 * - A mobile number is 1, a digit 3-9, and nine more digits, standing
 *   alone, written in one run (13908834265) or grouped 3-4-4 with one
 *   kind of separator: a space, '-', U+00A0 or a full-width '－' or
 *   U+3000 (139-0883-4265).
 *
 * Masked numbers (138****1234, 35*************123) are not digit runs of
 * the right length, so they are never found.
 */
#ifndef SL_PII_H
#define SL_PII_H

#include <stdbool.h>
#include <stddef.h>

enum sl_pii_kind {
	SL_PII_ID_NUMBER,
	SL_PII_MOBILE,
};

/* Room for a masked number as written, separators included. */
#define SL_PII_MASKED_MAX 48

struct sl_pii_match {
	enum sl_pii_kind kind;
	size_t start, end;              /* byte span [start,end) in the text */
	char masked[SL_PII_MASKED_MAX]; /* the number with its middle starred,
	                                   ASCII digits, separators as written:
	                                   35*************123, 139****4265,
	                                   139-****-4265 (the fix-it) */
};

/* Receives each number found; M is valid only during the call. */
typedef void (*sl_pii_fn)(void *ctx, const struct sl_pii_match *m);

/* Calls FN(CTX, match) for every unmasked ID number and mobile number in
 * the LEN bytes at TEXT, in text order. */
void sl_pii_scan(const char *text, size_t len, sl_pii_fn fn, void *ctx);

/* True when the 18 ASCII characters at ID (17 digits and a digit or
 * X/x) carry a valid ISO 7064 MOD 11-2 check character. */
bool sl_pii_id_checksum_ok(const char *id);

#endif
