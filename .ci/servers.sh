# shellcheck shell=bash
# Starts the database servers the integration tests apply Starboard's DDL to, and exports their connection strings:
#   STARBOARD_TEST_POSTGRES  (PostgreSQL 15, Npgsql connection string)
#   STARBOARD_TEST_MYSQL     (MariaDB from Debian, MySql.Data connection string)
#   STARBOARD_TEST_CLICKHOUSE (ClickHouse 18.16 from Debian, the base URL of its HTTP interface)
# Sourced by .ci/run (so it returns, never exits). Works as root without sudo, and as an ordinary user when the
# servers are already installed. Idempotent and quick: packages are installed only when missing, data folders are
# initialized once per checkout and reused, a server left over from an interrupted run is stopped and started
# again. Every server binds to 127.0.0.1 on ports derived from the checkout's path (so two checkouts on one
# machine do not collide), and is stopped when the sourcing shell exits (STARBOARD_KEEP_SERVERS=1 keeps them,
# for running the tests by hand; `starboard_servers_stop` stops them).

starboard_servers_main() {
    local repo key base pg_port my_port ch_port started
    repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    key="$(printf '%s' "$repo" | md5sum | cut -c1-6)"
    base="${STARBOARD_SERVERS_DIR:-/tmp/starboard-ci-$key}"
    pg_port=$((20000 + (16#$key % 4000) * 2))
    my_port=$((pg_port + 1))
    ch_port=$((pg_port + 8000))
    started=$(date +%s%N)
    mkdir -p "$base" || return 1
    chmod 755 "$base"
    STARBOARD_SERVERS_BASE="$base"

    starboard_postgres "$base/pg" "$pg_port" || { echo "servers.sh: PostgreSQL did not start (see $base/pg/log)" >&2; return 1; }
    starboard_mariadb "$base/mariadb" "$my_port" || { echo "servers.sh: MariaDB did not start (see $base/mariadb/err.log)" >&2; return 1; }
    starboard_clickhouse "$base/clickhouse" "$ch_port" || { echo "servers.sh: ClickHouse did not start (see $base/clickhouse/err.log)" >&2; return 1; }

    export STARBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=starboard;Password=starboard;Database=starboard_test;Pooling=false"
    export STARBOARD_TEST_MYSQL="Server=127.0.0.1;Port=$my_port;User ID=starboard;Password=starboard;Database=starboard_test;SslMode=None;CharacterSet=utf8mb4;Pooling=false"
    export STARBOARD_TEST_CLICKHOUSE="http://127.0.0.1:$ch_port/"
    if [ "${STARBOARD_KEEP_SERVERS:-}" != "1" ]; then
        trap starboard_servers_stop EXIT
    fi
    echo "servers.sh: PostgreSQL on 127.0.0.1:$pg_port, MariaDB on 127.0.0.1:$my_port, ClickHouse on 127.0.0.1:$ch_port ($(( ($(date +%s%N) - started) / 1000000 )) ms)"
}

# Runs a command as the postgres user (initdb and the server refuse root).
starboard_as_postgres() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

starboard_pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

starboard_postgres() {
    local dir="$1" port="$2" bin
    if ! bin="$(starboard_pg_bin)"; then
        [ "$(id -u)" = "0" ] || { echo "servers.sh: PostgreSQL is not installed (apt-get install postgresql as root)" >&2; return 1; }
        starboard_apt_install postgresql || return 1
        bin="$(starboard_pg_bin)" || return 1
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then
        starboard_as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
        rm -f "$dir/data/postmaster.pid"
    fi
    if [ ! -f "$dir/.initialized" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        [ "$(id -u)" = "0" ] && chown postgres: "$dir"
        starboard_as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || return 1
        touch "$dir/.initialized"
    fi
    starboard_as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 start \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null || return 1
    STARBOARD_PG_CTL="$bin/pg_ctl"
    STARBOARD_PG_DATA="$dir/data"
    local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)
    if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'starboard'")" != "1" ]; then
        "${psql[@]}" -d postgres -c "CREATE ROLE starboard LOGIN CREATEDB PASSWORD 'starboard'" || return 1
    fi
    if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'starboard_test'")" != "1" ]; then
        "${psql[@]}" -d postgres -c "CREATE DATABASE starboard_test OWNER starboard" || return 1
    fi
}

starboard_mariadb() {
    local dir="$1" port="$2" i
    if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
        [ "$(id -u)" = "0" ] || { echo "servers.sh: MariaDB is not installed (apt-get install mariadb-server as root)" >&2; return 1; }
        starboard_apt_install mariadb-server || return 1
    fi
    local mariadbd admin client
    mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
    admin="$(command -v mariadb-admin)"
    client="$(command -v mariadb)"
    if [ -f "$dir/mysqld.pid" ]; then
        kill "$(cat "$dir/mysqld.pid")" 2>/dev/null
        for i in $(seq 1 100); do [ -f "$dir/mysqld.pid" ] || break; sleep 0.1; done
        rm -f "$dir/mysqld.pid"
    fi
    if [ ! -f "$dir/.initialized" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$dir/data" \
            --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 || return 1
        touch "$dir/.initialized"
    fi
    "$mariadbd" --no-defaults --user="$(id -un)" --datadir="$dir/data" --socket="$dir/mysqld.sock" --port="$port" \
        --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" --log-error="$dir/err.log" --skip-name-resolve \
        --innodb-flush-log-at-trx-commit=0 --innodb-buffer-pool-size=64M --local-infile=1 </dev/null >/dev/null 2>&1 &
    for i in $(seq 1 300); do
        "$admin" --no-defaults --socket="$dir/mysqld.sock" -u root ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    "$admin" --no-defaults --socket="$dir/mysqld.sock" -u root ping >/dev/null 2>&1 || return 1
    STARBOARD_MARIADB_PID_FILE="$dir/mysqld.pid"
    "$client" --no-defaults --socket="$dir/mysqld.sock" -u root -e "
        CREATE USER IF NOT EXISTS 'starboard'@'127.0.0.1' IDENTIFIED BY 'starboard';
        CREATE DATABASE IF NOT EXISTS starboard_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
        GRANT ALL PRIVILEGES ON starboard_test.* TO 'starboard'@'127.0.0.1';
        GRANT ALL PRIVILEGES ON \`sbtest\\_%\`.* TO 'starboard'@'127.0.0.1';" || return 1
}

# ClickHouse runs as the current user in the foreground (backgrounded here) with a config of its own: HTTP on the
# given port, native protocol on the next, data under the folder, the default user without a password.
starboard_clickhouse() {
    local dir="$1" port="$2" i
    if ! command -v clickhouse-server >/dev/null 2>&1 || ! command -v clickhouse-client >/dev/null 2>&1; then
        [ "$(id -u)" = "0" ] || { echo "servers.sh: ClickHouse is not installed (apt-get install clickhouse-server clickhouse-client as root)" >&2; return 1; }
        starboard_apt_install clickhouse-server clickhouse-client || return 1
    fi
    if [ -f "$dir/server.pid" ]; then
        kill "$(cat "$dir/server.pid")" 2>/dev/null
        for i in $(seq 1 100); do kill -0 "$(cat "$dir/server.pid")" 2>/dev/null || break; sleep 0.1; done
        rm -f "$dir/server.pid"
    fi
    mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files"
    cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/err.log</errorlog><console>0</console></logger>
    <http_port>$port</http_port>
    <tcp_port>$((port + 1))</tcp_port>
    <listen_host>127.0.0.1</listen_host>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <mark_cache_size>268435456</mark_cache_size>
</yandex>
XML
    cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles><default></default></profiles>
    <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
    <quotas><default></default></quotas>
</yandex>
XML
    clickhouse-server --config-file="$dir/config.xml" </dev/null >"$dir/stdout.log" 2>&1 &
    echo $! >"$dir/server.pid"
    STARBOARD_CLICKHOUSE_PID_FILE="$dir/server.pid"
    for i in $(seq 1 300); do
        clickhouse-client --host 127.0.0.1 --port $((port + 1)) --query "SELECT 1" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

starboard_apt_install() {
    echo "servers.sh: installing $* from Debian packages"
    if [ ! -f "${STARBOARD_SERVERS_BASE:-/tmp}/.apt-updated" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
        touch "${STARBOARD_SERVERS_BASE:-/tmp}/.apt-updated"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || return 1
}

starboard_servers_stop() {
    if [ -n "${STARBOARD_PG_DATA:-}" ] && [ -f "$STARBOARD_PG_DATA/postmaster.pid" ]; then
        starboard_as_postgres "$STARBOARD_PG_CTL" -D "$STARBOARD_PG_DATA" -m fast -w stop >/dev/null 2>&1
    fi
    local file pid i
    for file in "${STARBOARD_MARIADB_PID_FILE:-}" "${STARBOARD_CLICKHOUSE_PID_FILE:-}"; do
        [ -n "$file" ] && [ -f "$file" ] || continue
        pid="$(cat "$file")"
        kill "$pid" 2>/dev/null
        for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        rm -f "$file"
    done
}

starboard_servers_main
