/** One class per {@code cliauth} command; each is a thin adapter that parses flags and calls a core use case. */
package dev.cliauth.cli.commands;
