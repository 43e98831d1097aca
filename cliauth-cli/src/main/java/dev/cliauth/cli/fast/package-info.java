/**
 * {@code cliauth token}'s fast path: a stored token handed out before the command-line model, JSON, HTTP or keychain
 * libraries load, by the core's own store code and freshness rule; everything else is left to the full CLI.
 */
package dev.cliauth.cli.fast;
