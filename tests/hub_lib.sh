# tests/hub_lib.sh - a throwaway PostgreSQL cluster for the hub tests;
# source it after tests/lib.sh.
#
# hub_start: initdb into $T/pg as an unprivileged user (nobody when run
# as root, through as_user), then pg_ctl on a Unix socket in $T/pg and a
# free port; stopped at exit (at_exit). Logins other than the superuser
# "admin" authenticate with a password (scram-sha-256), so that a wrong
# one can be tested. Sets PGBIN, HUBDIR, HUBPORT and ADMIN_URL (database
# "pbl"). Returns 1 when PostgreSQL's server programs are not installed:
# the caller skips with "no PostgreSQL server binaries".
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

# hub_url LOGIN: the URL of the test hub for LOGIN (no password in it)
hub_url() { echo "postgresql:///pbl?host=$HUBDIR&port=$HUBPORT&user=$1"; }

# hub_psql SQL: runs SQL as the superuser on the hub's database
hub_psql() {
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$ADMIN_URL" -c "$1"
}

hub_start() {
    [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] ||
        return 1
    HUBDIR=$T/pg
    mkdir -p "$HUBDIR"
    user_owns "$HUBDIR"
    HUBPORT=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_user "$PGBIN/initdb" -D "$HUBDIR/data" -U admin -A trust \
        --no-sync >"$HUBDIR/initdb.log" 2>&1 || return 2
    printf '%s\n' "local all admin trust" \
        "local all all scram-sha-256" >"$HUBDIR/data/pg_hba.conf"
    at_exit="$at_exit; as_user '$PGBIN/pg_ctl' -D '$HUBDIR/data' -m immediate stop >/dev/null 2>&1"
    as_user "$PGBIN/pg_ctl" -D "$HUBDIR/data" -l "$HUBDIR/log" -w \
        -o "-k $HUBDIR -p $HUBPORT -c listen_addresses='' -c fsync=off" \
        start >/dev/null 2>&1 || return 2
    ADMIN_URL="postgresql:///postgres?host=$HUBDIR&port=$HUBPORT&user=admin"
    hub_psql "CREATE DATABASE pbl" || return 2
    ADMIN_URL=$(hub_url admin)
}
