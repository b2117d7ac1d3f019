#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Spark jars Maven resolved (no
# Spark download): a Master and N Workers, each its own JVM; the Workers start executors
# in JVMs of their own. Every process is bound to 127.0.0.1 unless --host says otherwise,
# and lets in only jobs that hold the cluster's secret (spark.authenticate, RPC encrypted).
# On 127.0.0.1 Worker N binds to 127.0.0.N, a loopback address of its own: Spark then takes
# the Workers for separate hosts, as on a real cluster (it starts a speculative copy of a
# task only on a host where that task has not run).
#
#   jobs/cluster.sh start [--workers N] [--cores C] [--memory M] [--host HOST] [--dir DIR]
#       starts it (defaults: 2 workers of 1 core and 2g), waits until every Worker has
#       registered, prints the master URL (spark://HOST:PORT) on stdout;
#   jobs/cluster.sh status [--dir DIR]   what runs: master, workers, applications;
#   jobs/cluster.sh stop [--dir DIR]     ends the processes it started, and their executors.
#
# DIR (default $DIGITNET_CLUSTER, else target/cluster) holds the cluster's SPARK_HOME (links
# to the jars), its secret (mode 0600), pids, logs and the Workers' work folders. Jobs
# submitted with --master set to its URL get the secret from DIR (jobs/lib/launcher.sh).
#
# --host HOST binds the cluster to another address, for executors on other machines. Then
# anyone who can reach HOST can reach its ports: the secret keeps their jobs out, but the
# Master's and Workers' web UIs (random ports, read-only here) show every application.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="jobs/cluster.sh"

fail() { echo "$me: $*" >&2; exit 2; }

command="${1:-}"
[ $# -gt 0 ] && shift
workers=2 cores=1 memory=2g host=127.0.0.1 dir="${DIGITNET_CLUSTER:-$root/target/cluster}"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || fail "$1: expected a value after it, found none"
  case "$1" in
    --workers) workers="$2" ;;
    --cores) cores="$2" ;;
    --memory) memory="$2" ;;
    --host) host="$2" ;;
    --dir) dir="$2" ;;
    *) fail "$1: expected --workers, --cores, --memory, --host or --dir" ;;
  esac
  shift 2
done
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || fail "--workers: expected a whole number above 0, found '$workers'"
[[ "$cores" =~ ^[1-9][0-9]*$ ]] || fail "--cores: expected a whole number above 0, found '$cores'"
[[ "$memory" =~ ^[1-9][0-9]*[mMgG]$ ]] || fail "--memory: expected a size such as 512m or 2g, found '$memory'"
[ "$host" != 127.0.0.1 ] || [ "$workers" -le 254 ] || fail "--workers: expected at most 254 on 127.0.0.1 (one loopback address each), found $workers"
dir="$(mkdir -p "$dir" && cd "$dir" && pwd)"
home="$dir/spark-home"

# Whether pid $1 is alive and one of this cluster's (its command line names this SPARK_HOME,
# so a pid the system has since given to another process is not taken for ours).
ours() {
  [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -qF "$home/jars"
}

# The pids of executors the Workers started: processes working in the cluster's work folders.
executors() {
  local proc cwd
  for proc in /proc/[0-9]*; do
    cwd="$(readlink "$proc/cwd" 2>/dev/null)" || continue
    case "$cwd" in "$dir/work/"*) echo "${proc#/proc/}" ;; esac
  done
}

# Ends pids $@ (TERM, then KILL after 20 s) and waits until they are gone.
end() {
  local pid waited=0
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$waited" -ge 200 ]; then kill -KILL "$pid" 2>/dev/null || true; fi
      sleep 0.1
      waited=$((waited + 1))
    done
  done
}

stop() {
  local pid_file pid pids=() ended=0
  for pid_file in "$dir"/worker-*.pid; do
    [ -f "$pid_file" ] || continue
    pid="$(cat "$pid_file")"
    if ours "$pid"; then pids+=("$pid"); fi
  done
  end "${pids[@]+"${pids[@]}"}"  # a Worker ends its executors as it goes
  ended=$((ended + ${#pids[@]}))
  pids=()
  for pid in $(executors); do pids+=("$pid"); done  # any a killed Worker left behind
  end "${pids[@]+"${pids[@]}"}"
  ended=$((ended + ${#pids[@]}))
  if [ -f "$dir/master.pid" ] && ours "$(cat "$dir/master.pid")"; then
    end "$(cat "$dir/master.pid")"
    ended=$((ended + 1))
  fi
  rm -f "$dir"/worker-*.pid "$dir/master.pid" "$dir/master.url" "$dir/master.ui"
  rm -rf "$home"  # links to Maven's jars; logs and work folders stay to be read
  echo "$me: stopped $ended processes of the cluster in $dir" >&2
}

# Waits up to $2 s for log $1 to hold a line matching $3 while pid $4 lives; prints the line.
await() {
  local log="$1" seconds="$2" pattern="$3" pid="$4" tries=0
  while [ "$tries" -lt $((seconds * 10)) ]; do
    if grep -m1 -E "$pattern" "$log" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
    tries=$((tries + 1))
  done
  return 1
}

# The last error a daemon logged, for a one-line reason.
reason() {
  grep -E 'ERROR|Exception|Error:' "$1" 2>/dev/null | tail -1 | cut -c1-300 || true
}

# Starts a daemon ($1: its name, for logs and pids; the rest: its main class and arguments).
daemon() {
  local name="$1"
  shift
  setsid java @"$root/conf/jvm.args" -Xmx512m -cp "$home/jars/*" "$@" \
    --properties-file "$dir/spark-security.conf" >"$dir/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

start() {
  if [ -f "$dir/master.pid" ] && ours "$(cat "$dir/master.pid")"; then
    fail "$dir: a cluster runs there already ($(cat "$dir/master.url" 2>/dev/null)); stop it first"
  fi
  stop 2>/dev/null  # what a cluster killed meanwhile left behind
  # shellcheck source=jobs/lib/build.sh
  . "$root/jobs/lib/build.sh"
  rm -rf "$home" "$dir/logs" "$dir/work"
  mkdir -p "$home/jars" "$dir/logs"
  local jar_path
  for jar_path in $(tr ':' ' ' <"$classpath_file"); do ln -s "$jar_path" "$home/jars/"; done
  # A new secret for each cluster, readable by this user only; the daemons and the jobs read it here.
  (umask 077 && {
    echo "spark.authenticate true"
    echo "spark.authenticate.secret $(head -c 32 /dev/urandom | base64 | tr -d '\n=')"
    echo "spark.network.crypto.enabled true"
    echo "spark.master.rest.enabled false"
    echo "spark.ui.killEnabled false"
  } >"$dir/spark-security.conf")
  echo "$host" >"$dir/host"

  # The Workers' launcher finds the executors' jars in SPARK_HOME/jars, for this Scala version.
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP="$host"
  daemon master org.apache.spark.deploy.master.Master --host "$host" --port 0 --webui-port 0
  local master url ui
  master="$(cat "$dir/master.pid")"
  if ! await "$dir/logs/master.log" 60 'I have been elected leader' "$master" >/dev/null; then
    local why
    why="$(reason "$dir/logs/master.log")"
    stop 2>/dev/null
    echo "$me: the master did not start: ${why:-see $dir/logs/master.log}" >&2
    exit 1
  fi
  url="$(grep -m1 -oE 'spark://[^ ]+' "$dir/logs/master.log")"
  ui="$(grep -m1 -oE 'started at http://[^ ]+' "$dir/logs/master.log" | sed 's/^started at //')"
  echo "$url" >"$dir/master.url"
  echo "$ui" >"$dir/master.ui"

  local i worker_host
  for ((i = 1; i <= workers; i++)); do
    worker_host="$host"
    if [ "$host" = 127.0.0.1 ]; then worker_host="127.0.0.$i"; fi
    mkdir -p "$dir/work/worker-$i"
    SPARK_LOCAL_IP="$worker_host" daemon "worker-$i" org.apache.spark.deploy.worker.Worker "$url" \
      --host "$worker_host" --cores "$cores" --memory "$memory" --work-dir "$dir/work/worker-$i" --webui-port 0
  done
  for ((i = 1; i <= workers; i++)); do
    if ! await "$dir/logs/worker-$i.log" 60 'Successfully registered with master' \
        "$(cat "$dir/worker-$i.pid")" >/dev/null; then
      local why
      why="$(reason "$dir/logs/worker-$i.log")"
      stop 2>/dev/null
      echo "$me: worker $i did not register with $url: ${why:-see $dir/logs/worker-$i.log}" >&2
      exit 1
    fi
  done
  echo "$me: $url (web UI $ui): $workers workers of $cores cores and $memory; logs in $dir/logs" >&2
  echo "$url"
}

status() {
  if [ ! -f "$dir/master.pid" ] || ! ours "$(cat "$dir/master.pid")"; then
    echo "$me: no cluster runs in $dir"
    exit 1
  fi
  echo "master $(cat "$dir/master.url") (pid $(cat "$dir/master.pid"), web UI $(cat "$dir/master.ui"))"
  # The Master's own account of its Workers and applications (its UI's JSON, one field a line).
  local json
  json="$(curl -fsS --max-time 10 "$(cat "$dir/master.ui")/json/" 2>/dev/null)" \
    || { echo "the master's web UI does not answer"; exit 1; }
  echo "$json" | awk '
    function value(line) { sub(/^[^:]*: */, "", line); gsub(/[",]/, "", line); return line }
    /"workers"/ { section = "worker" } /"activeapps"/ { section = "app" } /"completedapps"/ { section = "" }
    section == "worker" && /"id"/ { id = value($0) } section == "worker" && /"cores"/ { c = value($0) }
    section == "worker" && /"memory"/ { m = value($0) }
    section == "worker" && /"state"/ { printf "worker %s: %s cores, %s MB, %s\n", id, c, m, value($0) }
    section == "app" && /"id"/ { id = value($0) } section == "app" && /"name"/ { n = value($0) }
    section == "app" && /"state"/ { printf "application %s (%s): %s\n", id, n, value($0) }
  '
}

case "$command" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) fail "expected start, status or stop, found '${command}'" ;;
esac
