/*
 * wxdesk-worker.c: the background daemon. Each tick it
 *   - refreshes access tokens in their last 5 minutes (when stable_token
 *     hands out the next one),
 *   - downloads media that followers sent (media/get), into Media.Dir by
 *     sha256, retrying with backoff and recording failures,
 *   - fills follower details from user/info,
 *   - deletes downloaded files no message refers to any more (a follower's
 *     data erased after an unfollow), an hour after they were stored,
 *   - sends the profanity warning a chat has come due for, once,
 *   - runs the chat timers with each channel's current preferences: waiting
 *     chats nobody picked up become missed, missed chats close after their
 *     time, active chats close after the idle limit (the bot's, when the
 *     channel's bot is on),
 *   - routes chats: operators whose console stopped polling become away,
 *     offers not answered in time go back to the queue, waiting chats of
 *     round-robin and least-busy departments are offered (assign.c), and
 *     once a minute the queue and each operator's load are sampled,
 *   - alerts operators none of whose pages is open, on their own WeChat:
 *     a chat offered to them, a follower's message in a chat of theirs
 *     (job-alerts.c),
 *   - asks the followers of chats that closed to rate them (csat.c),
 *   - folds new report events into the hourly roll-up the reports read.
 * Beside the ticks, Worker.Senders child processes (2) deliver the replies
 * operators queued (outbox.c), each as soon as it is queued,
 * Worker.HookSenders (1) the outgoing webhooks (hooks.h), and
 * Worker.SpoolTakers (2) take the pushes kept during a burst into their
 * chats, lane by lane beside the tick's own (spool.h); the worker starts
 * them again if one ends.
 * Every job is claimed in the database first (a lease or a conditional
 * UPDATE), so any number of workers on any number of machines do each job
 * once. State lives in the database; a restarted worker carries on. Each
 * job is a module of its own, src/job-<name>.c; this program keeps the
 * loop and the signals.
 *
 *   wxdesk-worker          run until SIGTERM (tick: Worker.TickSeconds, 2)
 *   wxdesk-worker --once   one tick (with one pass of the outbox and of the bot's
 *                          late answers), then exit (tests)
 *   wxdesk-worker --send   deliver the queued replies, waiting up to 10 s for
 *                          any another sender holds; exit 1 if some remain
 */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../src/db.h"
#include "../src/bot.h"
#include "../src/botsvc.h"
#include "../src/csat.h"
#include "../src/broadcast.h"
#include "../src/chat.h"
#include "../src/health.h"
#include "../src/hooks.h"
#include "../src/job.h"
#include "../src/metrics.h"
#include "../src/outbox.h"
#include "../src/search.h"
#include "../src/spool.h"
#include "../src/assign.h"
#include "../src/tell.h"
#include "../src/ui.h"

/* in the order of a tick: routing right after the fold, before the jobs
 * that call WeChat (a slow tick must not keep an operator's console from
 * ringing); the alerts of the offers it made right after it */
static const struct {
	const char *name;
	void      (*run)(struct pool *);
} jobs[] = {
	{ "spool", job_spool },	/* pushes kept during a burst, into their chats first */
	{ "chats", job_chats }, { "assign", job_assign }, { "alerts", job_alerts },
	{ "tokens", job_tokens },
	{ "media", job_media }, { "followers", job_followers }, { "writes", job_writes },
	{ "sync", job_sync },
	{ "files", job_files },
	{ "warnings", job_warnings }, { "timers", job_timers }, { "followups", job_followups },
	{ "csat", job_csat }, { "held", job_held }, { "broadcasts", job_broadcasts },
	{ "bot_media", job_bot_media }, { "api_tidy", job_api_tidy }, { "reports", job_reports },
	{ "search", job_search },
};

static void
on_term(int sig)
{
	(void)sig;
	job_stopping = 1;
}

#define SENDERS_MAX 16
/* the forked senders: of the outbox (messages to followers), and of the
 * outgoing webhooks (hooks.h) */
static pid_t senders[SENDERS_MAX], hook_senders[SENDERS_MAX], takers[SENDERS_MAX];

/* the children of one kind that should run and do not (at the start, or
 * one ended), started */
static void
children_start(pid_t *pids, int n, const char *name, void (*run)(volatile sig_atomic_t *))
{
	for (int i = 0; i < n && i < SENDERS_MAX && !job_stopping; i++) {
		if (pids[i] > 0 && waitpid(pids[i], NULL, WNOHANG) == 0)
			continue;	/* running */
		pid_t parent = getpid(), pid = fork();
		if (pid == 0) {
			/* ends with the worker, however the worker ends */
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			if (getppid() != parent)
				_exit(0);
			/* the child's own connection: the parent's is the parent's */
			db_forget();
			wx_set_progname(name);
			prctl(PR_SET_NAME, name);	/* ps and pgrep show which */
			run(&job_stopping);
			db_close();
			_exit(0);
		}
		pids[i] = pid > 0 ? pid : 0;
	}
}

static void
senders_start(void)
{
	children_start(senders, cfg_int("Worker.Senders", 2), "wxdesk-sender", outbox_run);
	children_start(hook_senders, cfg_int("Worker.HookSenders", 1), "wxdesk-hooks", hooks_run);
	children_start(takers, cfg_int("Worker.SpoolTakers", 2), "wxdesk-spool", spool_run);
}

static void
senders_stop(void)
{
	for (int i = 0; i < SENDERS_MAX; i++) {
		if (senders[i] > 0)
			kill(senders[i], SIGTERM);
		if (hook_senders[i] > 0)
			kill(hook_senders[i], SIGTERM);
		if (takers[i] > 0)
			kill(takers[i], SIGTERM);
	}
	for (int i = 0; i < SENDERS_MAX; i++) {
		if (senders[i] > 0)
			waitpid(senders[i], NULL, 0);
		if (hook_senders[i] > 0)
			waitpid(hook_senders[i], NULL, 0);
		if (takers[i] > 0)
			waitpid(takers[i], NULL, 0);
	}
}

/*
 * 1 unless the database's schema is newer than this worker knows (a
 * release being installed beside it: its jobs would miss what the new
 * migrations added, the report levels' new tables say). Said once.
 */
static int
schema_known(struct pool *p)
{
	static int          said;
	struct health_state s;

	if (db_health(p, &s) != DB_OK || s.schema <= WX_SCHEMA_VERSION) {
		said = 0;
		return 1;
	}
	if (!said)
		wx_log("the database's schema is %lld, newer than this worker knows (%d): "
		    "no job runs until the new release's worker replaces it", s.schema,
		    WX_SCHEMA_VERSION);
	said = 1;
	return 0;
}

int
main(int argc, char **argv)
{
	int              once = argc > 1 && strcmp(argv[1], "--once") == 0;
	int              send = argc > 1 && strcmp(argv[1], "--send") == 0;
	struct sigaction sa;

	wx_set_progname("wxdesk-worker");
	if (cfg_load(NULL) != 0)
		return 1;
	if (!once)
		wx_log_open(cfg_get("Log.File", NULL));
	if (secret_key_load(cfg_get("Secrets.KeyFile", NULL)) != 0)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (send) {
		long long left = outbox_drain(10);
		db_close();
		curl_global_cleanup();
		return left == 0 ? 0 : 1;
	}
	if (!once)
		wx_log("started; WeChat API at %s", cfg_get("WeChat.APIBase", "?"));
	do {
		if (!once)
			senders_start();
		struct pool p = { 0 };
		if (db_up() && schema_known(&p)) {
			health_seen(&p);	/* /healthz: a worker is running */
			for (size_t j = 0; j < sizeof jobs / sizeof jobs[0] && !job_stopping; j++) {
				/* /metrics: each job's runs, how long, and whether a
				 * statement failed in it */
				unsigned long f0 = db_failures();
				double        t0 = wx_mono();
				jobs[j].run(&p);
				metrics_job(jobs[j].name, db_failures() != f0, wx_mono() - t0,
				    (long long)wx_now());
			}
		}
		if (once && db_up()) {
			(void)outbox_pass(&p);
			(void)spool_say_pass(&p);	/* a kept push's reply, late */
			(void)botsvc_pass(&p);	/* the bot's late answers too */
		}
		pool_free(&p);
		/* (pushes kept during a burst still waiting: the next tick at once) */
		for (int s = 0; !once && !job_stopping && !job_spool_more &&
		    s < cfg_int("Worker.TickSeconds", 2) * 10; s++)
			usleep(100000);
	} while (!once && !job_stopping);
	senders_stop();
	db_close();
	curl_global_cleanup();
	return 0;
}
