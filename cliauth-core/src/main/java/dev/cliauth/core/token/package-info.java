/** Tokens and sessions at rest: what a login produced, and the stores that keep it between commands. */
package dev.cliauth.core.token;
