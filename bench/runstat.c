/*
 * runstat - runs a command and reports what it cost, for bench/bench.sh:
 *
 *   runstat OUTFILE -- COMMAND [ARG...]
 *
 * The command's standard output and error go to OUTFILE (/dev/null is
 * fine).  runstat prints one line,
 *
 *   status=N wall=S user=S sys=S rss_mb=M
 *
 * wall the elapsed seconds, user and sys the CPU seconds of the command
 * and every child it waited for, rss_mb the peak resident memory of the
 * largest of them.  It exits 0 when the command ran (whatever its status),
 * 1 when it could not be started or died of a signal.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static double
secs(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int
main(int argc, char **argv)
{
	if (argc < 4 || strcmp(argv[2], "--") != 0) {
		fputs("usage: runstat OUTFILE -- COMMAND [ARG...]\n", stderr);
		return 2;
	}
	double start = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 1;
	}
	if (pid == 0) {
		int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("runstat: wait4");
		return 1;
	}
	double wall = now() - start;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
	printf("status=%d wall=%.3f user=%.3f sys=%.3f rss_mb=%.1f\n", code, wall,
	       secs(ru.ru_utime), secs(ru.ru_stime), (double)ru.ru_maxrss / 1024.0);
	return WIFEXITED(status) && code != 127 ? 0 : 1;
}
