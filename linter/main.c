/*
 * main.c - the sitelint program: everything is in the library.
 */
#include <libxml/parser.h>

#include "cli.h"

int
main(int argc, char **argv)
{
	xmlInitParser();
	int status = sl_cli_main(argc, argv);
	xmlCleanupParser();
	return status;
}
