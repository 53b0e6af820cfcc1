/*
 * slrun - runs a command with a time limit and reports its exit status,
 * wall time and peak resident memory, for the hostile-input tests:
 *
 *   slrun SECONDS MAX_RSS_MB OUTFILE -- COMMAND [ARG...]
 *
 * The command's standard output and error go to OUTFILE.  slrun prints
 * "status=N seconds=S rss_mb=M" and exits 0 when the command ended by
 * itself with status 0, 1 or 2 within SECONDS and MAX_RSS_MB; 1 otherwise
 * (a signal, a timeout, another status, too much memory).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	if (argc < 6) {
		fputs("usage: slrun SECONDS MAX_RSS_MB OUTFILE -- COMMAND [ARG...]\n", stderr);
		return 2;
	}
	double limit = strtod(argv[1], NULL);
	long max_mb = strtol(argv[2], NULL, 10);
	const char *outfile = argv[3];
	double start = now();
	pid_t pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		int fd = open(outfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execvp(argv[5], argv + 5);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	bool timed_out = false;
	for (;;) {
		pid_t r = wait4(pid, &status, WNOHANG, &ru);
		if (r == pid)
			break;
		if (now() - start > limit) {
			kill(pid, SIGKILL);
			wait4(pid, &status, 0, &ru);
			timed_out = true;
			break;
		}
		usleep(10000);
	}
	double secs = now() - start;
	long rss_mb = ru.ru_maxrss / 1024;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
	printf("status=%d seconds=%.2f rss_mb=%ld%s\n", code, secs, rss_mb,
	       timed_out ? " TIMEOUT" : "");
	return !timed_out && code >= 0 && code <= 2 && rss_mb <= max_mb ? 0 : 1;
}
