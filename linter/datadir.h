/*
 * datadir.h - where the bundled data files (dictionaries/) are.
 */
#ifndef SL_DATADIR_H
#define SL_DATADIR_H

/* The directory holding the bundled data: $SITELINT_DATA_DIR when set;
 * else "dictionaries" beside the program's parent directory when it
 * exists (build/sitelint -> ./dictionaries, a source tree); else
 * PREFIX/share/sitelint/dictionaries for an installed program
 * (bin/sitelint -> ../share/sitelint/dictionaries).  The string is static;
 * the first call decides it (call it once from the main thread). */
const char *sl_data_dir(void);

/* Returns a new string: the data directory joined with NAME. */
char *sl_data_path(const char *name);

#endif
