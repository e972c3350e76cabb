/* session_lock.c - the session state machine's part of session locks
 * (session.h): taking the lock, checking it before each write, renewing
 * it, and standing where a followed console stands. */
#include <stdio.h>
#include <string.h>

#include "pbl/clock.h"
#include "session_impl.h"

/* Keeps msg for session_error(); returns -1. */
static int refuse(struct pbl_session *s, const char *msg)
{
    snprintf(s->err, sizeof s->err, "%s", msg);
    return -1;
}

/* Before every write: a session followed read-only is never written, and
 * one whose lock another console took is not written any more (it turns
 * read-only). Returns 0 when the write may go ahead. */
int session_may_write(struct pbl_session *s)
{
    struct store_lock other;
    if (s->readonly)
        return refuse(s, "read-only: this session is open in another console");
    if (!s->locked)
        return 0;
    int rc = store_lock_check(s->st, s->uuid, s->lock.token, &other);
    if (rc == STORE_OK)
        return 0;
    if (rc != STORE_LOCKED)
        return refuse(s, store_error(s->st));
    s->locked = false;
    s->readonly = true;
    if (!other.token[0]) /* deleted in review, or taken and let go */
        return refuse(s, "not saved: this session is no longer open here "
                         "(deleted, or taken over, meanwhile)");
    char who[256];
    session_lock_describe(&other, who, sizeof who);
    char msg[400];
    snprintf(msg, sizeof msg,
             "not saved: another console took this session over (%s)", who);
    return refuse(s, msg);
}

/* Locks the session to this console (see store.h); 1 with *holder filled
 * when another live console holds it and !take_over. */
int session_take_lock(struct pbl_session *s, bool take_over,
                      struct store_lock *holder)
{
    if (store_lock_self(&s->lock) != STORE_OK)
        return refuse(s, "cannot lock the session: no random numbers");
    int rc = store_lock_session(s->st, s->uuid, &s->lock, take_over, holder);
    if (rc == STORE_LOCKED)
        return 1;
    if (rc != STORE_OK)
        return refuse(s, store_error(s->st));
    s->locked = true;
    return 0;
}

/* Following: stands on stage i as the other console does, its clock
 * started when that console entered it (the last visit still open). */
void session_follow_stage(struct pbl_session *s, size_t i)
{
    struct store_stage_list l = {0};
    s->cur = i;
    s->stage_started = clock_now();
    if (store_list_stages(s->st, s->uuid, &l) != STORE_OK)
        return;
    for (size_t k = l.n; k-- > 0;)
        if (!l.v[k].left_at[0]) {
            clock_parse_iso(l.v[k].entered_at, &s->stage_started);
            break;
        }
    store_stage_list_free(&l);
}

bool session_read_only(const struct pbl_session *s)
{
    return s->readonly;
}

int session_lock_renew(struct pbl_session *s, struct store_lock *holder)
{
    if (!s->locked)
        return 0;
    int rc = store_lock_refresh(s->st, s->uuid, s->lock.token, holder);
    if (rc == STORE_LOCKED) {
        s->locked = false;
        s->readonly = true;
        return 1;
    }
    return rc == STORE_OK ? 0 : refuse(s, store_error(s->st));
}

void session_lock_describe(const struct store_lock *l, char *buf, size_t n)
{
    if (!l->token[0]) {
        snprintf(buf, n, "no console holds it now");
        return;
    }
    char since[64]; /* in local time, as the rest of the console */
    clock_when_text(l->since, false, since, sizeof since);
    snprintf(buf, n, "pid %ld on %s, terminal %s, since %s", l->pid, l->host,
             l->tty, since);
}
