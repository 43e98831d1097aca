/** The {@code cliauth} command: picocli commands over the core library, exit codes, and the one place that wires production objects. */
package dev.cliauth.cli;
