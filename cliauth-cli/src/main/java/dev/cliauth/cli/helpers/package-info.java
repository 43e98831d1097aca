/**
 * The protocols other tools speak to a credential helper: kubectl's ExecCredential, git's credential key=value lines,
 * and running a command with a token in its environment. Values and parsers only; the commands wire them.
 */
package dev.cliauth.cli.helpers;
