/*
 * cliauth's launcher in the Linux packages (the tarball and the .deb). It is a native program so that `cliauth token`,
 * which kubectl and git start on every call, costs no shell: it finds its installation from /proc/self/exe (the kernel
 * has followed every symbolic link, /usr/bin/cliauth included), so it works from any directory under any link, and
 * replaces itself (execv) with the bundled runtime's java, given the class path, the JVM flags and the AOT cache that
 * bin/release trained at package time. Those come from cliauth-launcher.h, which bin/release writes, so that the flags
 * of the training run and of every later run are the same list (an AOT cache is used only under the flags it was made
 * with). CLIAUTH_CDS=off runs without the cache, as with bin/cliauth.
 *
 * Layout (relative to the installation root, the parent of bin/):
 *   bin/cliauth             this program
 *   lib/runtime/            the jlink runtime (bin/java)
 *   lib/app/NAME.jar        the jars, in the order of JARS
 *   lib/app/cliauth.aot     the AOT cache
 *   conf/policy.toml        an administrator's policy, if one is put there (as a JDK keeps its conf/)
 *
 * jpackage's Linux launcher would do the same, but it runs `rpm -qf` and `dpkg -S` on itself on every start to learn
 * which package installed it (~350 ms measured here), which is more than the whole of `cliauth token`.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cliauth-launcher.h" /* JARS, FLAGS, CACHE_FLAGS, MAIN_CLASS */

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static char *concat(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (s == NULL) {
        fputs("cliauth: out of memory\n", stderr);
        exit(1);
    }
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

int main(int argc, char **argv) {
    char root[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", root, sizeof root - 1);
    if (n <= 0) {
        fprintf(stderr, "cliauth: cannot find its installation (/proc/self/exe: %s)\n", strerror(errno));
        return 1;
    }
    root[n] = '\0';
    for (int up = 0; up < 2; up++) { /* ROOT/bin/cliauth -> ROOT */
        char *slash = strrchr(root, '/');
        if (slash == NULL) {
            fprintf(stderr, "cliauth: cannot find its installation from %s\n", root);
            return 1;
        }
        *slash = '\0';
    }
    char *java = concat(root, "/lib/runtime/bin/java");
    char *app = concat(root, "/lib/app/");

    size_t length = 1;
    for (size_t i = 0; i < COUNT(JARS); i++) {
        length += strlen(app) + strlen(JARS[i]) + 1;
    }
    char *classpath = malloc(length);
    if (classpath == NULL) {
        fputs("cliauth: out of memory\n", stderr);
        return 1;
    }
    classpath[0] = '\0';
    for (size_t i = 0; i < COUNT(JARS); i++) {
        if (i > 0) {
            strcat(classpath, ":");
        }
        strcat(classpath, app);
        strcat(classpath, JARS[i]);
    }

    const char *cds = getenv("CLIAUTH_CDS");
    int cache = cds == NULL || strcmp(cds, "off") != 0;
    char **args = malloc((COUNT(FLAGS) + COUNT(CACHE_FLAGS) + 7 + (size_t) argc) * sizeof(char *));
    if (args == NULL) {
        fputs("cliauth: out of memory\n", stderr);
        return 1;
    }
    size_t a = 0;
    args[a++] = java;
    for (size_t i = 0; i < COUNT(FLAGS); i++) {
        args[a++] = (char *) FLAGS[i];
    }
    if (cache) {
        args[a++] = concat("-XX:AOTCache=", concat(app, "cliauth.aot"));
        for (size_t i = 0; i < COUNT(CACHE_FLAGS); i++) {
            args[a++] = (char *) CACHE_FLAGS[i];
        }
    }
    /* the installation's conf/policy.toml is an administrator's policy file; on the command line, which wins over
       anything JAVA_TOOL_OPTIONS says */
    args[a++] = concat("-Dcliauth.home=", root);
    /* Java 17+ cannot tell whether stderr is a terminal: the device flow's countdown updates one line in place there */
    if (isatty(2)) {
        args[a++] = "-Dcliauth.stderr.tty=true";
    }
    args[a++] = "-cp";
    args[a++] = classpath;
    args[a++] = (char *) MAIN_CLASS;
    for (int i = 1; i < argc; i++) {
        args[a++] = argv[i];
    }
    args[a] = NULL;
    execv(java, args);
    fprintf(stderr, "cliauth: cannot run %s: %s\n", java, strerror(errno));
    return 1;
}
