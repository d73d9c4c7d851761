# Sourced by ./sqlline and ./sendpilot-server: the JVM to run, its options, and the class path
# the user adds. Reads JAVA_HOME, SENDPILOT_CLASSPATH and the drivers/ folder beside the
# launchers; sets java_cmd, java_feature (17, 21, 25, ...), java_options and user_classpath.

# The JVM: $JAVA_HOME/bin/java when JAVA_HOME is set, else the java on PATH.
if [ -n "${JAVA_HOME:-}" ]; then
  java_cmd="$JAVA_HOME/bin/java"
  if [ ! -x "$java_cmd" ]; then
    echo "JAVA_HOME is $JAVA_HOME, but $java_cmd is not an executable: point JAVA_HOME at a Java 17 or newer, or unset it to use the java on PATH." >&2
    exit 1
  fi
elif command -v java >/dev/null 2>&1; then
  java_cmd="$(command -v java)"
else
  echo "No Java found: install Java 17 or newer, and put it on PATH or set JAVA_HOME." >&2
  exit 1
fi

# Its feature version, from the release file of its home (no JVM start), else from -version.
java_release="$(dirname "$(dirname "$(readlink -f "$java_cmd")")")/release"
java_version=""
if [ -f "$java_release" ]; then
  java_version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$java_release")"
fi
if [ -z "$java_version" ]; then
  java_version="$("$java_cmd" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
fi
case "$java_version" in
  1.*) java_feature="$(echo "$java_version" | cut -d. -f2)" ;;
  *) java_feature="$(echo "$java_version" | sed 's/[^0-9].*//')" ;;
esac
if [ -z "$java_feature" ] || [ "$java_feature" -lt 17 ]; then
  echo "$java_cmd is Java ${java_version:-of an unknown version}; the SendPilot driver needs Java 17 or newer: set JAVA_HOME to one." >&2
  exit 1
fi

# Java 24 and later warn when a library loads native code (jline's JNA) or uses
# sun.misc.Unsafe (protobuf); both are allowed here, as the libraries still need them.
java_options=()
if [ "$java_feature" -ge 24 ]; then
  java_options+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi

# What the user adds: every jar in drivers/ beside the launchers (a CRM database's JDBC
# driver, say), then SENDPILOT_CLASSPATH (entries separated by ':').
user_classpath=""
for driver_jar in "$here"/drivers/*.jar; do
  if [ -f "$driver_jar" ]; then
    user_classpath="$user_classpath:$driver_jar"
  fi
done
if [ -n "${SENDPILOT_CLASSPATH:-}" ]; then
  user_classpath="$user_classpath:$SENDPILOT_CLASSPATH"
fi
