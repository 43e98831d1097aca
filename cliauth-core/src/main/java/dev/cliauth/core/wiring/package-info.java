/**
 * The production objects, built from a process's environment: the one wiring shared by the {@code cliauth} command
 * and the library's {@code dev.cliauth.core.api.CliAuth}, so a policy, a keychain or a flow behaves the same in both.
 */
package dev.cliauth.core.wiring;
