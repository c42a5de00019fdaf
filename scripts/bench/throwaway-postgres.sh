# Sourced by the benchmarks: a throwaway PostgreSQL server from Debian's packages, made with
# initdb in "$1" (a fresh folder) and listening on a loopback port only, run as `postgres` when
# root (the server refuses root). Sets pg_port, pg_bin and psql (an array: the superuser's psql);
# stop_postgres stops it (the caller's EXIT trap, before removing the folder).
start_postgres() {
  local folder="$1"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  as_postgres=()
  if [ "$(id -u)" = 0 ]; then
    as_postgres=(runuser -u postgres --)
    chown postgres: "$folder"
  fi
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  pg_port=$((20000 + RANDOM % 40000))
  "${as_postgres[@]}" "$pg_bin/pg_ctl" start -w -D "$folder/data" -l "$folder/data/server.log" \
    -o "-p $pg_port -k $folder -c listen_addresses=127.0.0.1" >/dev/null
  pg_folder="$folder"
  psql=("$pg_bin/psql" -X -q -t -A -h 127.0.0.1 -p "$pg_port" -U postgres)
}

stop_postgres() {
  [ -n "${pg_folder:-}" ] && "${as_postgres[@]}" "$pg_bin/pg_ctl" stop -D "$pg_folder/data" -m fast >/dev/null 2>&1 || true
}
