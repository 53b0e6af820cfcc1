/*
 * cli.h - the command line: options to a run of the library.
 */
#ifndef SL_CLI_H
#define SL_CLI_H

/* Runs sitelint with ARGV; returns the exit status of SPEC 4.3 (0 clean,
 * 1 findings at or above --fail-on, 2 unreadable input or bad usage). */
int sl_cli_main(int argc, char **argv);

#endif
