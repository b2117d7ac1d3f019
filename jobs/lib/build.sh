# Sourced by jobs/lib/launcher.sh and jobs/cluster.sh: builds target/digitnet.jar (and
# target/classpath.txt, the Maven-resolved Spark jars) when either is missing or older
# than the sources. Expects $root, the project folder.
jar="$root/target/digitnet.jar"
classpath_file="$root/target/classpath.txt"

if [ ! -f "$jar" ] || [ ! -f "$classpath_file" ] \
    || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "digitnet: building $jar (mvn package) ..." >&2
  (cd "$root" && mvn -B -q -ntp -DskipTests package) >&2
fi
