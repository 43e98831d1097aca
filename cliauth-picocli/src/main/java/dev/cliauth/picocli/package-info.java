/**
 * cliauth for picocli commands: the {@link dev.cliauth.picocli.CliAuthOptions} mixin gives a command the sign-in
 * options people know from {@code cliauth login} and builds a {@link dev.cliauth.core.api.CliAuth} from them.
 */
package dev.cliauth.picocli;
