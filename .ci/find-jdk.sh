# shellcheck shell=bash disable=SC2034  # JAVA and JAVA_MAJOR are for the scripts that source this
# Picks a JDK >= 21 for ./trajforge and .ci/run (source this file, then call trajforge_find_jdk).
#
# Order: $JAVA_HOME if it is a JDK >= 21; else the `java` on PATH if it is >= 21; else the newest
# JDK >= 21 under /usr/lib/jvm (and, on macOS, /Library/Java/JavaVirtualMachines). On success it
# exports JAVA_HOME and sets JAVA to "$JAVA_HOME/bin/java" and JAVA_MAJOR to its major version; otherwise it prints why to stderr and
# returns 2. Works with `set -euo pipefail` and with the bash 3.2 that macOS ships.

TRAJFORGE_MIN_JAVA=21

# The major version of a java binary: "1.8.0_412" -> 8, "17.0.15" -> 17, "21" -> 21, "25-ea" -> 25.
trajforge_java_major() {
    local out version
    out="$("$1" -version 2>&1)" || return 1
    # the first line with: version "..."; other lines (Picked up JAVA_TOOL_OPTIONS: ...) are skipped
    version="$(printf '%s\n' "$out" | sed -n 's/^[A-Za-z]* version "\([^"]*\)".*$/\1/p' | sed -n '1p')"
    case "$version" in
        1.*) version="${version#1.}" ;;
    esac
    version="${version%%[!0-9]*}"
    [ -n "$version" ] || return 1
    printf '%s\n' "$version"
}

# The home directory of a java binary (follows /usr/bin/java -> alternatives -> the real JDK).
trajforge_java_home() {
    local home
    home="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = \(.*\)$/\1/p' | sed -n '1p')"
    if [ -z "$home" ] || [ ! -d "$home" ]; then
        home="$(cd -P "$(dirname "$1")/.." 2>/dev/null && pwd)" || return 1
    fi
    printf '%s\n' "$home"
}

# Succeeds (printing the major version) if $1 is a JDK home with a java >= 21 and a javac.
trajforge_usable_jdk() {
    local major
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    major="$(trajforge_java_major "$1/bin/java")" || return 1
    [ "$major" -ge "$TRAJFORGE_MIN_JAVA" ] || return 1
    printf '%s\n' "$major"
}

trajforge_find_jdk() {
    local seen="" major home candidate best="" best_major=0

    if [ -n "${JAVA_HOME:-}" ]; then
        if JAVA_MAJOR="$(trajforge_usable_jdk "$JAVA_HOME")"; then
            export JAVA_HOME
            JAVA="$JAVA_HOME/bin/java"
            return 0
        fi
        if major="$(trajforge_java_major "$JAVA_HOME/bin/java" 2>/dev/null)"; then
            [ -x "$JAVA_HOME/bin/javac" ] || major="$major without javac"
            seen="$seen, JAVA_HOME=$JAVA_HOME is $major"
        else
            seen="$seen, JAVA_HOME=$JAVA_HOME has no java"
        fi
    fi

    if command -v java >/dev/null 2>&1; then
        candidate="$(command -v java)"
        if home="$(trajforge_java_home "$candidate")" && JAVA_MAJOR="$(trajforge_usable_jdk "$home")"; then
            export JAVA_HOME="$home"
            JAVA="$JAVA_HOME/bin/java"
            return 0
        fi
        major="$(trajforge_java_major "$candidate" 2>/dev/null)" || major="of unknown version"
        seen="$seen, java on PATH is $major"
    fi

    for candidate in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
        [ -x "$candidate" ] || continue
        home="${candidate%/bin/java}"
        if major="$(trajforge_usable_jdk "$home")" && [ "$major" -gt "$best_major" ]; then
            best="$home"
            best_major="$major"
        fi
    done
    if [ -n "$best" ]; then
        export JAVA_HOME="$best"
        JAVA="$JAVA_HOME/bin/java"
        JAVA_MAJOR="$best_major"
        return 0
    fi

    {
        seen="$seen, no JDK ${TRAJFORGE_MIN_JAVA}+ under /usr/lib/jvm or /Library/Java/JavaVirtualMachines"
        echo "trajforge needs JDK ${TRAJFORGE_MIN_JAVA}+ (java and javac) and found none: ${seen#, }."
        echo "Install a JDK ${TRAJFORGE_MIN_JAVA} or newer (Temurin, or your system's openjdk-21-jdk; macOS: brew install openjdk@21) and set JAVA_HOME to it."
    } >&2
    return 2
}
