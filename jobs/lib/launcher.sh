#!/usr/bin/env bash
# The one launcher under every jobs/*.sh script: `launcher.sh COMMAND [ARGS...]` runs
# `digitnet COMMAND ARGS...`.
#  - builds target/digitnet.jar first when it is missing or older than the sources;
#  - with spark-submit on PATH or SPARK_HOME set, submits the jar through spark-submit
#    (extra spark-submit options, e.g. --deploy-mode or --executor-memory, go in
#    DIGITNET_SUBMIT_ARGS);
#  - else, with --master spark://..., submits it through Spark's own SparkSubmit on the
#    Maven-resolved jars, with the secret of the jobs/cluster.sh cluster at that URL;
#  - otherwise runs it in an embedded local Spark on the Maven-resolved classpath.
# conf/spark-defaults.conf reaches Spark either way; conf/jvm.args holds the JVM flags
# Spark needs on Java 17+; conf/digitnet.properties holds the commands' defaults.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=jobs/lib/build.sh
. "$root/jobs/lib/build.sh"

# conf/spark-defaults.conf: "key value" lines, # comments.
spark_conf=()
while read -r key value; do
  case "$key" in ''|'#'*) continue ;; esac
  spark_conf+=("$key=$value")
done < "$root/conf/spark-defaults.conf"

# Spark's own log lines stay off stderr unless DIGITNET_DEBUG is set (not 0): the job
# reports a failure itself in one line (conf/log4j2.properties).
case "${DIGITNET_DEBUG:-0}" in 0) log_level=off ;; *) log_level=all ;; esac
app_props=(-Dlog4j2.configurationFile="$root/conf/log4j2.properties" -Ddigitnet.log.level="$log_level"
           -Ddigitnet.conf="$root/conf/digitnet.properties" -Ddigitnet.home="$root")

# The line the JVM prints straight to stderr, past logging, about the incubator module
# conf/jvm.args adds (as Spark does): it says nothing about the job.
jvm_noise='^WARNING: Using incubator modules'

# Spark's scratch on this machine (SPARK_LOCAL_DIRS: block manager and shuffle files; the
# JVM's temp dir) goes into a folder of this run's under DIGITNET_SCRATCH. The run holds a
# lock on it for as long as it lives (the JVM inherits fd 9), so a later run removes the
# folders of runs that were killed instead of leaving them in /tmp forever.
scratch_root="${DIGITNET_SCRATCH:-${TMPDIR:-/tmp}/digitnet-scratch}"

# Removes the run folders whose run has ended (their lock is free), under fd 8's lock.
sweep_scratch() {
  local old
  for old in "$scratch_root"/run-*; do
    case "$old" in *.lock) continue ;; esac
    [ -e "$old" ] || continue
    if [ ! -e "$old.lock" ] || flock -n "$old.lock" true; then rm -rf "$old" "$old.lock"; fi
  done
}

mkdir -p "$scratch_root"
exec 8>"$scratch_root/.sweep.lock"
flock 8  # one launcher at a time sweeps or starts a run folder
sweep_scratch
scratch="$(mktemp -d "$scratch_root/run-XXXXXXXX")"
exec 9>"$scratch.lock"
flock -n 9
exec 8>&-

# Runs a command with those lines taken out of its stderr, removes the run's scratch (and
# any that a run killed meanwhile left), and exits with the command's exit code.
run_without_noise() {
  set +e
  { "$@" 2>&1 1>&3 3>&- | grep -Ev --line-buffered "$jvm_noise" >&2; } 3>&1
  local status="${PIPESTATUS[0]}"
  exec 9>&-
  rm -rf "$scratch" "$scratch.lock"
  exec 8>"$scratch_root/.sweep.lock"
  flock 8
  sweep_scratch
  exit "$status"
}

# The master the job names (--master URL or --master=URL), if any.
master=""
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --master) j=$((i + 1)); master="${!j:-}" ;;
    --master=*) master="${!i#--master=}" ;;
  esac
done

# What every submission passes: the job's class, conf/spark-defaults.conf, and the JVM
# flags of conf/jvm.args for the driver and executors that Spark starts elsewhere.
jvm_flags="$(grep -v '^#' "$root/conf/jvm.args" | tr '\n' ' ')"
submit_args=(--class io.digitnet.cli.Main)
for kv in "${spark_conf[@]}"; do submit_args+=(--conf "$kv"); done
submit_args+=(--conf "spark.driver.defaultJavaOptions=$jvm_flags" --conf "spark.executor.defaultJavaOptions=$jvm_flags")
# A cluster jobs/cluster.sh started lets in only jobs with its secret, kept in its folder.
cluster="${DIGITNET_CLUSTER:-$root/target/cluster}"
if [ -n "$master" ] && [ -f "$cluster/master.url" ] && [ "$(cat "$cluster/master.url")" = "$master" ]; then
  submit_args+=(--properties-file "$cluster/spark-security.conf")
  SPARK_LOCAL_IP="$(cat "$cluster/host")"
  export SPARK_LOCAL_IP
fi

submit=""
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  submit="$(command -v spark-submit)"
fi

if [ -n "$submit" ]; then
  # shellcheck disable=SC2086  # DIGITNET_SUBMIT_ARGS is a list of options
  case " ${DIGITNET_SUBMIT_ARGS:-} " in
    *" cluster "*|*"deploy-mode=cluster"*) ;;  # the driver's scratch is the cluster's
    *) export SPARK_LOCAL_DIRS="$scratch"; app_props+=(-Djava.io.tmpdir="$scratch") ;;
  esac
  run_without_noise "$submit" ${master:+--master "$master"} "${submit_args[@]}" \
    --driver-java-options "${app_props[*]}" ${DIGITNET_SUBMIT_ARGS:-} "$jar" "$@"
fi

heap=""
for kv in "${spark_conf[@]}"; do
  case "$kv" in spark.driver.memory=*) heap="-Xmx${kv#*=}" ;; esac  # a driver in this JVM
done
export SPARK_LOCAL_DIRS="$scratch"

# No Spark installed, a standalone master named: Spark's own SparkSubmit on the Maven-resolved
# jars submits the jar (client mode: the driver is this JVM), which ships it to the executors.
if [[ "$master" == spark://* ]]; then
  export SPARK_SCALA_VERSION=2.13
  # shellcheck disable=SC2086  # DIGITNET_SUBMIT_ARGS is a list of options
  run_without_noise java @"$root/conf/jvm.args" ${heap:+"$heap"} "${app_props[@]}" -Djava.io.tmpdir="$scratch" \
    -cp "$(cat "$classpath_file")" org.apache.spark.deploy.SparkSubmit --master "$master" "${submit_args[@]}" \
    ${DIGITNET_SUBMIT_ARGS:-} "$jar" "$@"
fi

# The embedded local Spark talks to itself only: bind it to loopback (and skip Spark's
# warning about the host name) unless --master names a cluster.
case "${master:-local}" in local*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;; esac

jvm_props=()
for kv in "${spark_conf[@]}"; do
  case "$kv" in spark.driver.memory=*) ;; *) jvm_props+=("-D$kv") ;; esac
done
run_without_noise java @"$root/conf/jvm.args" ${heap:+"$heap"} "${jvm_props[@]}" "${app_props[@]}" \
  -Djava.io.tmpdir="$scratch" -cp "$jar:$(cat "$classpath_file")" io.digitnet.cli.Main "$@"
